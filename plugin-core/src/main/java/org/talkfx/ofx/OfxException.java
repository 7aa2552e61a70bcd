package org.talkfx.ofx;

/** A suite call returned an error status, or a handler wants the host to see a specific status. */
public class OfxException extends RuntimeException {
    private final int status;

    public OfxException(int status, String message) {
        super(message + " (" + OfxStatus.name(status) + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Throws unless {@code status} is kOfxStatOK. */
    public static void check(int status, String what) {
        if (status != OfxStatus.OK) {
            throw new OfxException(status, what);
        }
    }
}
