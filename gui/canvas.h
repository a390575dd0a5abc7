// canvas.h — Canvas: an RGBA image drawn on the CPU and shown through one texture, for the views whose
// shapes are many and tiny (timeline lanes, counter rows).
//
// Under a software rasteriser (Mesa's llvmpipe under Xvfb, which is what CI and many classroom machines
// run) each triangle costs about as much to set up as a few hundred pixels cost to fill, and a zoomed-out
// lane of a million-event run is hundreds of one-pixel rectangles. Painting those rectangles into a buffer
// here and drawing one textured quad per lane shows exactly the same pixels (nearest filtering, one texel per
// screen pixel, coverage decided at pixel centres like the rasteriser does) for a fraction of the cost.
//
//   Canvas c;
//   c.resize(w, h);                      // texels; clears nothing
//   c.fill(row, i0, i1, col);            // texels [i0, i1) of a row; a translucent colour blends over them
//   ImTextureID tex = c.upload();        // after painting, before ImGui::Render()
//   dl->PushTextureID(tex); dl->PrimReserve(6, 4); dl->PrimRectUV(a, b, c.uv(i0, row), ..., IM_COL32_WHITE);
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace interleave::gui {

class Canvas {
 public:
  Canvas() = default;
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  ~Canvas();

  // Sets the size in texels (at least 1x1). The content is undefined until painted.
  void resize(int width, int height);
  int width() const { return w_; }
  int height() const { return h_; }

  // Texels [i0, i1) of row `row`, clipped to the canvas. An opaque colour replaces, a translucent one blends
  // over what is there (as the GPU would blend it).
  void fill(int row, int i0, int i1, ImU32 col);
  // Rows [r0, r1) by texels [i0, i1).
  void fill_rect(int i0, int r0, int i1, int r1, ImU32 col) {
    for (int r = std::max(r0, 0); r < std::min(r1, h_); ++r) fill(r, i0, i1, col);
  }

  // The texels whose centres a screen span [a, b) covers, when texel 0 is the screen pixel at `origin`
  // (an integer): a filled rectangle covers the pixels whose centres are inside it.
  static int first_covered(float a, int origin) { return static_cast<int>(std::ceil(a - 0.5f)) - origin; }

  // Uploads the pixels to the texture (created on first use) and returns it for ImGui. Needs the GL context.
  ImTextureID upload();
  // Texture coordinates of texel edge (i, row), for PrimRectUV.
  ImVec2 uv(float i, float row) const { return ImVec2(i / static_cast<float>(w_), row / static_cast<float>(h_)); }

 private:
  std::vector<ImU32> px_;
  int w_ = 0, h_ = 0;
  unsigned tex_ = 0;
  int tex_w_ = 0, tex_h_ = 0;
};

// `src` drawn over the opaque `dst` with src's alpha, as the GPU's alpha blending would.
ImU32 blend_over(ImU32 src, ImU32 dst);

// Bracket primitives that are all opaque (a canvas's quads): blending is off in between, which a software
// rasteriser fills faster; ImGui's OpenGL backend sets its own state again after.
void begin_opaque(ImDrawList* dl);
void end_opaque(ImDrawList* dl);

}  // namespace interleave::gui
