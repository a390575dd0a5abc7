// gif_recorder.h — GifRecorder: frames of the window written as an animated GIF (Debian's giflib), for
// slides. `interleave gui FILE --record out.gif` and the Record button both use it.
//
// Each frame is quantised to one fixed palette (a 6x6x6 colour cube and 40 greys: the GUI's flat colours
// come out exact or nearly so) and written whole; the GIF loops.
//
//   GifRecorder rec;
//   if (!rec.open("run.gif", w, h, 10 /*fps*/)) error(rec.error());
//   each frame: rec.add_frame(rgb_bottom_up);   // w * h * 3 bytes, as glReadPixels gives them
//   rec.close();                                 // the last frame shows for 2 s
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct GifFileType;

namespace interleave::gui {

class GifRecorder {
 public:
  ~GifRecorder();
  bool open(const std::string& path, int width, int height, int fps);
  bool add_frame(const std::vector<unsigned char>& rgb_bottom_up);
  bool close();
  bool recording() const { return gif_ != nullptr; }
  int frames() const { return frames_; }
  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  bool put_frame(const std::vector<std::uint8_t>& indices, int delay_cs);
  GifFileType* gif_ = nullptr;
  int width_ = 0, height_ = 0, delay_cs_ = 10, frames_ = 0;
  std::vector<std::uint8_t> last_;  // the previous frame's palette indices (written when the next comes)
  std::string path_, error_;
};

}  // namespace interleave::gui
