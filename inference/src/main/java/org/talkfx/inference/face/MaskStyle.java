package org.talkfx.inference.face;

/**
 * How a head box becomes a soft mask.
 *
 * @param shape   ellipse inscribed in the box, or a box with rounded corners
 * @param expand  grows the shape by this fraction of the head box's smaller side, on every side (negative shrinks)
 * @param feather width of the soft edge, as a fraction of the smaller side; the 0.5 level sits on the shape's edge
 */
public record MaskStyle(Shape shape, float expand, float feather) {
    public enum Shape { ELLIPSE, ROUNDED_BOX }

    public MaskStyle {
        if (shape == null || !(expand > -0.5f && expand <= 2) || !(feather >= 0 && feather <= 2)) {
            throw new IllegalArgumentException("mask style needs a shape, expand in (-0.5, 2], feather in [0, 2]; got "
                    + shape + ", " + expand + ", " + feather);
        }
    }

    public static MaskStyle defaults() {
        return new MaskStyle(Shape.ELLIPSE, 0.05f, 0.15f);
    }
}
