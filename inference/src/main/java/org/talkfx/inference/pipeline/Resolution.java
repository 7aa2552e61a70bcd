package org.talkfx.inference.pipeline;

import java.util.Locale;

/**
 * The generation size: an official bucket table (480 or 720, spec 6.3: the entry whose h/w is closest to the
 * source's) or an explicit size. Sizes must divide by 16 so the latent grid splits into 2×2 patches.
 */
public record Resolution(String name, int[][] buckets, int width, int height) {
    /** (h, w) per aspect ratio, infinitetalk-480 (ASPECT_RATIO_627). */
    static final int[][] BUCKETS_480 = {{320, 1216}, {384, 1024}, {448, 896}, {512, 768}, {576, 704}, {640, 640},
            {704, 576}, {768, 512}, {832, 448}, {896, 448}, {960, 384}, {1088, 384}, {1152, 320}, {1216, 320},
            {1280, 320}};
    static final double[] RATIOS_480 = {0.26, 0.38, 0.50, 0.67, 0.82, 1.00, 1.22, 1.50, 1.86, 2.00, 2.50, 2.83, 3.60,
            3.80, 4.00};
    /** infinitetalk-720 (ASPECT_RATIO_960). */
    static final int[][] BUCKETS_720 = {{448, 2048}, {512, 1792}, {576, 1600}, {640, 1408}, {704, 1280}, {768, 1216},
            {832, 1088}, {896, 1024}, {960, 960}, {1024, 896}, {1088, 832}, {1152, 768}, {1216, 768}, {1280, 704},
            {1344, 704}, {1408, 640}, {1472, 640}, {1536, 576}, {1664, 576}, {1856, 512}, {1920, 512}};
    static final double[] RATIOS_720 = {0.22, 0.29, 0.36, 0.45, 0.55, 0.63, 0.76, 0.88, 1.00, 1.14, 1.31, 1.50, 1.58,
            1.82, 1.91, 2.20, 2.30, 2.67, 2.89, 3.62, 3.75};

    public static Resolution bucket480() {
        return new Resolution("480", BUCKETS_480, 0, 0);
    }

    public static Resolution bucket720() {
        return new Resolution("720", BUCKETS_720, 0, 0);
    }

    public static Resolution fixed(int width, int height) {
        if (width < 16 || height < 16 || width % 16 != 0 || height % 16 != 0) {
            throw new IllegalArgumentException("generation size " + width + "x" + height
                    + " must be at least 16 and divide by 16");
        }
        return new Resolution(width + "x" + height, null, width, height);
    }

    /** "480", "720" or "WxH". */
    public static Resolution parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("480") || t.equals("480p")) {
            return bucket480();
        }
        if (t.equals("720") || t.equals("720p")) {
            return bucket720();
        }
        String[] parts = t.split("x");
        if (parts.length == 2) {
            try {
                return fixed(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("resolution '" + text + "' is not 480, 720 or WxH");
    }

    public boolean isHd() {
        return buckets == BUCKETS_720;
    }

    /** The (width, height) to generate for a source of this size. */
    public int[] sizeFor(int sourceWidth, int sourceHeight) {
        if (buckets == null) {
            return new int[]{width, height};
        }
        double ratio = (double) sourceHeight / sourceWidth;
        double[] ratios = buckets == BUCKETS_480 ? RATIOS_480 : RATIOS_720;
        int best = 0;
        for (int i = 1; i < ratios.length; i++) {
            if (Math.abs(ratios[i] - ratio) < Math.abs(ratios[best] - ratio)) {
                best = i;
            }
        }
        return new int[]{buckets[best][1], buckets[best][0]};
    }
}
