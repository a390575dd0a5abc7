// gif_recorder.cpp — animated GIF output with giflib (see gif_recorder.h).
#include "gui/gif_recorder.h"

#include <gif_lib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace interleave::gui {

namespace {
// Palette: 0..215 the 6x6x6 cube, 216..255 forty greys.
constexpr int kCube = 216, kGreys = 40;

ColorMapObject* make_palette() {
  ColorMapObject* map = GifMakeMapObject(256, nullptr);
  if (!map) return nullptr;
  for (int i = 0; i < kCube; ++i) {
    map->Colors[i].Red = static_cast<GifByteType>((i / 36) * 51);
    map->Colors[i].Green = static_cast<GifByteType>((i / 6 % 6) * 51);
    map->Colors[i].Blue = static_cast<GifByteType>((i % 6) * 51);
  }
  for (int k = 0; k < kGreys; ++k) {
    auto v = static_cast<GifByteType>(k * 255 / (kGreys - 1));
    map->Colors[kCube + k] = GifColorType{v, v, v};
  }
  return map;
}

std::uint8_t index_of(int r, int g, int b) {
  int lo = std::min({r, g, b}), hi = std::max({r, g, b});
  if (hi - lo < 14) return static_cast<std::uint8_t>(kCube + ((r + g + b) / 3 * (kGreys - 1) + 127) / 255);
  auto q = [](int v) { return (v + 25) / 51; };
  return static_cast<std::uint8_t>(q(r) * 36 + q(g) * 6 + q(b));
}
}  // namespace

GifRecorder::~GifRecorder() { close(); }

bool GifRecorder::open(const std::string& path, int width, int height, int fps) {
  close();
  int err = 0;
  gif_ = EGifOpenFileName(path.c_str(), false, &err);
  if (!gif_) {
    error_ = "cannot write " + path + ": " + GifErrorString(err);
    return false;
  }
  path_ = path;
  width_ = width;
  height_ = height;
  delay_cs_ = std::max(2, 100 / std::max(1, fps));
  frames_ = 0;
  last_.clear();
  EGifSetGifVersion(gif_, true);
  ColorMapObject* map = make_palette();
  bool ok = map && EGifPutScreenDesc(gif_, width, height, 8, 0, map) == GIF_OK;
  GifFreeMapObject(map);
  // Loop forever (the NETSCAPE2.0 application extension).
  static const unsigned char loop[3] = {1, 0, 0};
  ok = ok && EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
       EGifPutExtensionBlock(gif_, 11, "NETSCAPE2.0") == GIF_OK && EGifPutExtensionBlock(gif_, 3, loop) == GIF_OK &&
       EGifPutExtensionTrailer(gif_) == GIF_OK;
  if (!ok) {
    error_ = "cannot write " + path + ": " + GifErrorString(gif_->Error);
    EGifCloseFile(gif_, &err);
    gif_ = nullptr;
  }
  return ok;
}

bool GifRecorder::put_frame(const std::vector<std::uint8_t>& indices, int delay_cs) {
  GraphicsControlBlock gcb{};
  gcb.DisposalMode = DISPOSAL_UNSPECIFIED;
  gcb.DelayTime = delay_cs;
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  GifByteType ext[4];
  EGifGCBToExtension(&gcb, ext);
  if (EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, 4, ext) != GIF_OK ||
      EGifPutImageDesc(gif_, 0, 0, width_, height_, false, nullptr) != GIF_OK) {
    error_ = "cannot write " + path_ + ": " + GifErrorString(gif_->Error);
    return false;
  }
  for (int y = 0; y < height_; ++y) {
    auto* row = const_cast<GifPixelType*>(indices.data() + static_cast<std::size_t>(y) * width_);
    if (EGifPutLine(gif_, row, width_) != GIF_OK) {
      error_ = "cannot write " + path_ + ": " + GifErrorString(gif_->Error);
      return false;
    }
  }
  ++frames_;
  return true;
}

bool GifRecorder::add_frame(const std::vector<unsigned char>& rgb) {
  if (!gif_) return false;
  if (rgb.size() < static_cast<std::size_t>(width_) * height_ * 3) {
    error_ = "frame of the wrong size";
    return false;
  }
  // Written one frame late, so that close() can give the last frame a long delay.
  if (!last_.empty() && !put_frame(last_, delay_cs_)) return false;
  last_.resize(static_cast<std::size_t>(width_) * height_);
  for (int y = 0; y < height_; ++y) {
    const unsigned char* src = rgb.data() + static_cast<std::size_t>(height_ - 1 - y) * width_ * 3;  // bottom-up
    std::uint8_t* dst = last_.data() + static_cast<std::size_t>(y) * width_;
    for (int x = 0; x < width_; ++x) dst[x] = index_of(src[3 * x], src[3 * x + 1], src[3 * x + 2]);
  }
  return true;
}

bool GifRecorder::close() {
  if (!gif_) return error_.empty();
  bool ok = last_.empty() || put_frame(last_, 200);
  last_.clear();
  int err = 0;
  if (EGifCloseFile(gif_, &err) != GIF_OK) {
    ok = false;
    error_ = "cannot finish " + path_ + ": " + GifErrorString(err);
  }
  gif_ = nullptr;
  std::error_code ec;  // giflib creates the file private (0600); a recording is for sharing
  std::filesystem::permissions(path_,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                   std::filesystem::perms::group_read | std::filesystem::perms::others_read,
                               ec);
  return ok;
}

}  // namespace interleave::gui
