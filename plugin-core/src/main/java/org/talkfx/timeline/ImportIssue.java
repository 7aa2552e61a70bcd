package org.talkfx.timeline;

/** Something in the file we skipped or could not resolve; {@code jsonPath} says where, e.g. {@code $.tracks.children[1]}. */
public record ImportIssue(String jsonPath, String message) {
    @Override
    public String toString() {
        return jsonPath + ": " + message;
    }
}
