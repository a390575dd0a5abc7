// chunk_log.h — an append-only log of plain records, stored in fixed-size chunks.
//
// A run appends events at every switch, millions of them. A std::vector would copy
// everything each time it grows; this log never moves a record once written: appending is a store and a
// bounds check, and a new chunk (one allocation, not initialised) is needed once every 2^ChunkBits records.
//
//   interleave::ChunkLog<Event, 16> log;   // what a TraceRecorder keeps (EventLog)
//   log.push_back(e);                      // or fill *log.append() in place
//   for (std::size_t i = 0; i < log.size(); ++i) use(log[i]);
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace interleave {

template <class T, std::size_t ChunkBits>
class ChunkLog {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "a ChunkLog holds plain records");

 public:
  static constexpr std::size_t kChunkSize = std::size_t{1} << ChunkBits;

  std::size_t size() const { return full_ + static_cast<std::size_t>(cur_ - begin_); }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const { return chunks_[i >> ChunkBits][i & (kChunkSize - 1)]; }
  const T& back() const { return (*this)[size() - 1]; }

  void push_back(const T& v) { *append() = v; }
  // Room for one more record, to be filled in place.
  T* append() {
    if (cur_ == end_) [[unlikely]]
      next_chunk();
    return cur_++;
  }
  // Forgets every record; the chunks are kept for reuse.
  void clear() {
    full_ = 0;
    cur_ = begin_ = end_ = nullptr;
  }
  // Bytes taken by the records themselves.
  std::size_t bytes() const { return size() * sizeof(T); }

 private:
  void next_chunk() {
    std::size_t index = size() >> ChunkBits;  // a whole number of chunks are full
    if (index == chunks_.size()) {
      // Raw memory, not new T[]: constructing a whole chunk up front would write every page twice.
      void* mem = std::malloc(kChunkSize * sizeof(T));
      if (!mem) throw std::bad_alloc();
      chunks_.emplace_back(static_cast<T*>(mem));
    }
    full_ = index << ChunkBits;
    begin_ = cur_ = chunks_[index].get();
    end_ = begin_ + kChunkSize;
  }
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::vector<std::unique_ptr<T[], Free>> chunks_;
  std::size_t full_ = 0;  // records in the chunks before the current one
  T* begin_ = nullptr;    // the current chunk
  T* cur_ = nullptr;      // where the next record goes
  T* end_ = nullptr;
};

}  // namespace interleave
