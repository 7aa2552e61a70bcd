package org.talkfx.inference.face;

/** An axis-aligned rectangle in pixels: top-left corner and size. */
public record Box(float x, float y, float width, float height) {
    public Box {
        if (!(width >= 0) || !(height >= 0) || !Float.isFinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("bad box " + x + "," + y + " " + width + "x" + height);
        }
    }

    public static Box ofCenter(float cx, float cy, float width, float height) {
        return new Box(cx - width / 2, cy - height / 2, width, height);
    }

    public static Box ofCorners(float x0, float y0, float x1, float y1) {
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    public float right() {
        return x + width;
    }

    public float bottom() {
        return y + height;
    }

    public float centerX() {
        return x + width / 2;
    }

    public float centerY() {
        return y + height / 2;
    }

    public float area() {
        return width * height;
    }

    /** Intersection over union; 0 for boxes that do not overlap or have no area. */
    public float iou(Box o) {
        float iw = Math.min(right(), o.right()) - Math.max(x, o.x);
        float ih = Math.min(bottom(), o.bottom()) - Math.max(y, o.y);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        float inter = iw * ih;
        float union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Linear interpolation towards {@code o} ({@code t = 0} gives this box). */
    public Box lerp(Box o, float t) {
        return new Box(x + (o.x - x) * t, y + (o.y - y) * t, width + (o.width - width) * t, height + (o.height - height) * t);
    }
}
