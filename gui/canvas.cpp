// canvas.cpp — the CPU-painted texture behind the timeline lanes and counter rows.
#include "gui/canvas.h"

#include <GL/gl.h>

#include <algorithm>
#include <cstdint>

namespace interleave::gui {

ImU32 blend_over(ImU32 src, ImU32 dst) {
  const std::uint32_t a = (src >> IM_COL32_A_SHIFT) & 0xFF;
  if (a == 255) return src;
  if (a == 0) return dst;
  auto ch = [&](int shift) {
    std::uint32_t s = (src >> shift) & 0xFF, d = (dst >> shift) & 0xFF;
    return ((s * a + d * (255 - a) + 127) / 255) << shift;
  };
  return ch(IM_COL32_R_SHIFT) | ch(IM_COL32_G_SHIFT) | ch(IM_COL32_B_SHIFT) | (dst & IM_COL32_A_MASK);
}

void begin_opaque(ImDrawList* dl) {
  dl->AddCallback([](const ImDrawList*, const ImDrawCmd*) { glDisable(GL_BLEND); }, nullptr);
}

void end_opaque(ImDrawList* dl) { dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr); }

Canvas::~Canvas() {
  if (tex_) {
    GLuint t = tex_;
    glDeleteTextures(1, &t);
  }
}

void Canvas::resize(int width, int height) {
  w_ = std::max(1, width);
  h_ = std::max(1, height);
  px_.resize(static_cast<std::size_t>(w_) * static_cast<std::size_t>(h_));
}

void Canvas::fill(int row, int i0, int i1, ImU32 col) {
  if (row < 0 || row >= h_) return;
  i0 = std::max(i0, 0);
  i1 = std::min(i1, w_);
  if (i0 >= i1) return;
  ImU32* p = px_.data() + static_cast<std::size_t>(row) * static_cast<std::size_t>(w_);
  if (((col >> IM_COL32_A_SHIFT) & 0xFF) == 255) {
    std::fill(p + i0, p + i1, col);
  } else {
    for (int i = i0; i < i1; ++i) p[i] = blend_over(col, p[i]);
  }
}

ImTextureID Canvas::upload() {
  GLint last_texture = 0, last_align = 4;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &last_align);
  if (!tex_) {
    GLuint t = 0;
    glGenTextures(1, &t);
    tex_ = t;
  }
  glBindTexture(GL_TEXTURE_2D, tex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (tex_w_ != w_ || tex_h_ != h_) {
    // Nearest: one texel is one screen pixel, and state colours must stay exactly the legend's colours.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w_, h_, 0, GL_RGBA, GL_UNSIGNED_BYTE, px_.data());
    tex_w_ = w_;
    tex_h_ = h_;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w_, h_, GL_RGBA, GL_UNSIGNED_BYTE, px_.data());
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, last_align);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
  return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex_));
}

}  // namespace interleave::gui
