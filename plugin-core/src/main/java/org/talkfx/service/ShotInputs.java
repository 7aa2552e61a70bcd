package org.talkfx.service;

import org.talkfx.shot.ShotSetup;

import java.nio.file.Path;
import java.util.List;

/**
 * A job's shot setup with its files resolved and checked against the service's media roots: the source, the
 * enabled speakers' audio (in speaker order, matching {@link ShotSetup#enabledSpeakers()}), the optional mask
 * media and the model directory (the service's own unless the setup names one).
 */
public record ShotInputs(ShotSetup setup, Path source, List<Path> audio, Path maskMedia, Path modelDirectory) {
    public ShotInputs {
        audio = List.copyOf(audio);
    }
}
