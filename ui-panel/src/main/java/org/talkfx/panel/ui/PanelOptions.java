package org.talkfx.panel.ui;

import java.nio.file.Path;

/** Where the panel keeps its recent files, finds the render service, and reads generated frames. */
public record PanelOptions(Path configDir, Path serviceStateDir, Path cacheRoot) {
}
