package org.talkfx.ofx.image;

/** kOfxImageEffectPropPixelDepth values and their sample sizes. */
public enum PixelDepth {
    BYTE("OfxBitDepthByte", 1),
    SHORT("OfxBitDepthShort", 2),
    HALF("OfxBitDepthHalf", 2),
    FLOAT("OfxBitDepthFloat", 4);

    private final String ofxName;
    private final int bytes;

    PixelDepth(String ofxName, int bytes) {
        this.ofxName = ofxName;
        this.bytes = bytes;
    }

    public String ofxName() {
        return ofxName;
    }

    public int bytesPerSample() {
        return bytes;
    }

    public static PixelDepth of(String ofxName) {
        for (PixelDepth d : values()) {
            if (d.ofxName.equals(ofxName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported pixel depth '" + ofxName + "'");
    }
}
