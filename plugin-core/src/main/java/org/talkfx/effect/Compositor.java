package org.talkfx.effect;

import org.talkfx.ofx.image.Image;
import org.talkfx.ofx.image.RectI;

import java.util.function.BooleanSupplier;

/**
 * Writes the output image: the source where there is no generated frame or where the composite weight is 0 (byte
 * for byte), the generated pixel where it is 1 (or everywhere for whole-frame), a blend in between. Alpha is kept
 * from the source. Generated frames and alpha are top-down at the source's size; OFX rows count from the bottom.
 */
final class Compositor {
    private static final int ABORT_CHECK_ROWS = 32;

    private Compositor() {
    }

    static void write(Image src, Image dst, RectI window, byte[] rgb, float[] alpha, BooleanSupplier aborted) {
        Pixels in = new Pixels(src);
        Pixels out = new Pixels(dst);
        RectI b = src.bounds();
        int w = b.width();
        int colours = Math.min(3, src.components().count());
        for (int y = window.y1(); y < window.y2(); y++) {
            if ((y - window.y1()) % ABORT_CHECK_ROWS == 0 && aborted.getAsBoolean()) {
                return; // the host discards this frame
            }
            int row = b.y2() - 1 - y;
            for (int x = window.x1(); x < window.x2(); x++) {
                int p = row * w + (x - b.x1());
                float a = rgb == null ? 0f : alpha == null ? 1f : alpha[p];
                if (a <= 0f) {
                    out.copyPixel(in, x, y);
                    continue;
                }
                for (int c = 0; c < colours; c++) {
                    float g = (rgb[3 * p + c] & 0xff) / 255f;
                    out.set(x, y, c, a >= 1f ? g : in.get(x, y, c) * (1 - a) + g * a);
                }
                if (src.components().count() == 4) {
                    out.set(x, y, 3, in.get(x, y, 3));
                }
            }
        }
    }
}
