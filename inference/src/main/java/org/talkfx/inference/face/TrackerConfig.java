package org.talkfx.inference.face;

/**
 * @param minIou          a detection continues a track when its face box overlaps the predicted one at least this much...
 * @param maxKeypointDistance ...or when its eyes, nose and mouth lie within this many face widths of the track's
 * @param bridgeFrames    misses up to this long are filled in by interpolation; longer ones are reported as gaps
 * @param keepAliveFrames a track unseen for longer ends (a face seen later starts a new track)
 * @param minDetections   tracks with fewer detections are dropped as false positives (capped at the clip length)
 * @param fps             frame rate the smoothing cut-offs refer to
 * @param minCutoffHz     one-euro filter: cut-off at rest (lower = steadier)
 * @param beta            one-euro filter: how fast the cut-off rises with speed (higher = less lag)
 * @param head            how the head box grows from the face box
 */
public record TrackerConfig(float minIou, float maxKeypointDistance, int bridgeFrames, int keepAliveFrames,
                            int minDetections, double fps, double minCutoffHz, double beta, HeadGeometry head) {
    public TrackerConfig {
        if (!(minIou >= 0 && minIou <= 1) || !(maxKeypointDistance >= 0)) {
            throw new IllegalArgumentException("minIou must be in [0, 1] and maxKeypointDistance >= 0");
        }
        if (bridgeFrames < 0 || keepAliveFrames < bridgeFrames || minDetections < 1) {
            throw new IllegalArgumentException("need 0 <= bridgeFrames <= keepAliveFrames and minDetections >= 1");
        }
        if (!(fps > 0) || !(minCutoffHz > 0) || !(beta >= 0) || head == null) {
            throw new IllegalArgumentException("fps and minCutoffHz must be positive, beta >= 0, head given");
        }
    }

    /** For 25 fps video: bridge up to 0.4 s, keep tracks 2 s, drop tracks seen fewer than 3 times. */
    public static TrackerConfig defaults() {
        return new TrackerConfig(0.2f, 0.5f, 10, 50, 3, 25, 1.0, 1.0, HeadGeometry.defaults());
    }

    public TrackerConfig withFps(double f) {
        return new TrackerConfig(minIou, maxKeypointDistance, bridgeFrames, keepAliveFrames, minDetections, f,
                minCutoffHz, beta, head);
    }

    public TrackerConfig withHead(HeadGeometry h) {
        return new TrackerConfig(minIou, maxKeypointDistance, bridgeFrames, keepAliveFrames, minDetections, fps,
                minCutoffHz, beta, h);
    }
}
