// png_check.cpp — checks a GUI screenshot: not blank, and the timeline region shows the state colours.
//
//   png_check shot.png            exit 0 if it passes, 1 with a reason if not
//
// "Not blank": many distinct colours and real contrast. "State colours": inside the timeline region (the
// middle column, upper half, in the default layout), at least two of the palette's state colours cover a
// visible area (more than the legend's swatches: 0.2% of the region each).
#include <stb_image.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "gui/palette.h"

namespace palette = interleave::gui::palette;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: png_check FILE.png\n");
    return 2;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "%s: cannot decode: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  auto at = [&](int x, int y) { return px + (static_cast<std::size_t>(y) * w + x) * 3; };

  // Not blank.
  std::set<int> colours;
  double sum = 0, sum2 = 0;
  for (int y = 0; y < h; y += 2) {
    for (int x = 0; x < w; x += 2) {
      unsigned char* p = at(x, y);
      colours.insert((p[0] >> 3) << 10 | (p[1] >> 3) << 5 | (p[2] >> 3));
      double l = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      sum += l;
      sum2 += l * l;
    }
  }
  double count = static_cast<double>((w / 2) * (h / 2));
  double stddev = std::sqrt(std::max(0.0, sum2 / count - (sum / count) * (sum / count)));
  bool ok = true;
  if (colours.size() < 40 || stddev < 8) {
    std::fprintf(stderr, "%s: looks blank (%zu colours, luminance stddev %.1f)\n", argv[1], colours.size(), stddev);
    ok = false;
  }

  // State colours in the timeline region.
  int x0 = w * 18 / 100, x1 = w * 70 / 100, y0 = h * 8 / 100, y1 = h * 60 / 100;
  long found[std::size(palette::kStates)] = {};
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      unsigned char* p = at(x, y);
      for (std::size_t i = 0; i < std::size(palette::kStates); ++i) {
        const palette::Rgb c = palette::kStates[i].rgb;
        if (std::abs(p[0] - c.r) <= 6 && std::abs(p[1] - c.g) <= 6 && std::abs(p[2] - c.b) <= 6) ++found[i];
      }
    }
  }
  const long region = static_cast<long>(x1 - x0) * (y1 - y0);
  int present = 0;
  std::printf("%s: %dx%d, %zu colours;", argv[1], w, h, colours.size());
  for (std::size_t i = 0; i < std::size(palette::kStates); ++i) {
    std::printf(" %s %ld px;", palette::kStates[i].name, found[i]);
    if (found[i] >= region / 500) ++present;
  }
  std::printf("\n");
  if (present < 2) {
    std::fprintf(stderr, "%s: the timeline region shows fewer than two state colours\n", argv[1]);
    ok = false;
  }
  stbi_image_free(px);
  return ok ? 0 : 1;
}
