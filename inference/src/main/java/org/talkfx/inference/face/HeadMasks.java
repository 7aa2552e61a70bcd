package org.talkfx.inference.face;

import java.util.List;

/** Soft head masks (values in [0, 1], row-major) at source resolution, and their reduction to latent grids. */
public final class HeadMasks {
    private HeadMasks() {
    }

    /** The mask of one head box in a {@code width x height} frame. */
    public static float[] render(int width, int height, Box head, MaskStyle style) {
        float[] mask = new float[width * height];
        paint(mask, width, height, head, style);
        return mask;
    }

    /** The union (per-pixel maximum) of several heads' masks. */
    public static float[] render(int width, int height, List<Box> heads, MaskStyle style) {
        float[] mask = new float[width * height];
        for (Box head : heads) {
            paint(mask, width, height, head, style);
        }
        return mask;
    }

    private static void paint(float[] mask, int width, int height, Box head, MaskStyle style) {
        float side = Math.min(head.width(), head.height());
        float grow = style.expand() * side;
        float rx = head.width() / 2 + grow;
        float ry = head.height() / 2 + grow;
        if (rx <= 0 || ry <= 0) {
            return;
        }
        float feather = Math.max(1e-3f, style.feather() * side);
        float cx = head.centerX();
        float cy = head.centerY();
        float corner = Math.min(rx, ry) * 0.5f;
        int x0 = Math.max(0, (int) Math.floor(cx - rx - feather));
        int x1 = Math.min(width, (int) Math.ceil(cx + rx + feather));
        int y0 = Math.max(0, (int) Math.floor(cy - ry - feather));
        int y1 = Math.min(height, (int) Math.ceil(cy + ry + feather));
        for (int y = y0; y < y1; y++) {
            float py = y + 0.5f - cy;
            for (int x = x0; x < x1; x++) {
                float px = x + 0.5f - cx;
                float distance = style.shape() == MaskStyle.Shape.ELLIPSE
                        ? ellipseDistance(px, py, rx, ry) : roundedBoxDistance(px, py, rx, ry, corner);
                float v = 1 - smoothstep(-feather / 2, feather / 2, distance);
                int i = y * width + x;
                if (v > mask[i]) {
                    mask[i] = v;
                }
            }
        }
    }

    /** Signed distance in pixels, approximated by scaling the normalised radius with the local radius. */
    private static float ellipseDistance(float px, float py, float rx, float ry) {
        float nx = px / rx;
        float ny = py / ry;
        float d = (float) Math.sqrt(nx * nx + ny * ny);
        if (d < 1e-6f) {
            return -Math.min(rx, ry);
        }
        float ux = nx / d * rx;
        float uy = ny / d * ry;
        float localRadius = (float) Math.sqrt(ux * ux + uy * uy);
        return (d - 1) * localRadius;
    }

    private static float roundedBoxDistance(float px, float py, float rx, float ry, float r) {
        float qx = Math.abs(px) - (rx - r);
        float qy = Math.abs(py) - (ry - r);
        float ox = Math.max(qx, 0);
        float oy = Math.max(qy, 0);
        float outside = (float) Math.sqrt(ox * ox + oy * oy);
        return outside + Math.min(Math.max(qx, qy), 0) - r;
    }

    private static float smoothstep(float edge0, float edge1, float x) {
        float t = Math.max(0, Math.min(1, (x - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }

    /**
     * Area-averages a mask onto a grid of {@code cell x cell} pixel cells, {@code ceil(height/cell)} rows by
     * {@code ceil(width/cell)} columns (partial cells at the right and bottom edges average what they cover).
     * Cell 8 is the Wan VAE latent grid, 16 the DiT token grid (latent / patch 2).
     */
    public static float[] toGrid(float[] mask, int width, int height, int cell) {
        if (mask.length != width * height || cell < 1) {
            throw new IllegalArgumentException("mask of " + mask.length + " values is not " + width + "x" + height);
        }
        int gw = gridSize(width, cell);
        int gh = gridSize(height, cell);
        float[] grid = new float[gw * gh];
        float[] counts = new float[gw * gh];
        for (int y = 0; y < height; y++) {
            int row = (y / cell) * gw;
            for (int x = 0; x < width; x++) {
                grid[row + x / cell] += mask[y * width + x];
                counts[row + x / cell]++;
            }
        }
        for (int i = 0; i < grid.length; i++) {
            grid[i] /= counts[i];
        }
        return grid;
    }

    public static int gridSize(int pixels, int cell) {
        return (pixels + cell - 1) / cell;
    }
}
