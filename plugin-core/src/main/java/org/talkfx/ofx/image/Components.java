package org.talkfx.ofx.image;

/** kOfxImageEffectPropComponents values and their sample counts. */
public enum Components {
    RGBA("OfxImageComponentRGBA", 4),
    RGB("OfxImageComponentRGB", 3),
    ALPHA("OfxImageComponentAlpha", 1);

    private final String ofxName;
    private final int count;

    Components(String ofxName, int count) {
        this.ofxName = ofxName;
        this.count = count;
    }

    public String ofxName() {
        return ofxName;
    }

    public int count() {
        return count;
    }

    public static Components of(String ofxName) {
        for (Components c : values()) {
            if (c.ofxName.equals(ofxName)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unsupported components '" + ofxName + "'");
    }
}
