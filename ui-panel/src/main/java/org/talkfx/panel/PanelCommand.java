package org.talkfx.panel;

import org.talkfx.cache.RenderCache;
import org.talkfx.cli.TalkFxCommand;
import org.talkfx.common.BadInputException;
import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.model.RecentFiles;
import org.talkfx.panel.ui.PanelOptions;
import org.talkfx.panel.ui.PanelWindow;
import org.talkfx.service.ServiceFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code talkfx panel}: the Swing panel on a shot setup (the effect's "Open panel" button runs this). */
@Command(name = "panel", mixinStandardHelpOptions = true,
        description = {"Open the TalkFX panel: timeline audio to speakers, heads, generation and the batch queue.",
                "Edits a shot setup document (created on first save when it does not exist yet)."})
public final class PanelCommand implements Callable<Integer>, TalkFxCommand {
    @Parameters(arity = "0..1", paramLabel = "SETUP", description = "The shot setup to edit (.json).")
    Path setup;

    @Option(names = "--source", paramLabel = "MEDIA", description = "Source video or image for a new setup.")
    Path source;

    @Option(names = "--fps", defaultValue = "25", description = "Frame rate of a new setup's source when the file does not say (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--timeline", paramLabel = "OTIO", description = "Import this OpenTimelineIO timeline at start.")
    Path timeline;

    @Option(names = "--state-dir", description = "The render service's state folder (default: ~/.config/talkfx).")
    Path stateDir;

    @Option(names = "--cache-dir", description = "The render cache the service writes (default: ~/.cache/talkfx/render).")
    Path cacheDir;

    @Option(names = "--config-dir", description = "Where the panel remembers recent files (default: ~/.config/talkfx).")
    Path configDir;

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("talkfx panel: no display (headless Java or no DISPLAY); run it in a desktop session, or under xvfb-run");
            return 2;
        }
        PanelOptions options = new PanelOptions(configDir != null ? configDir : RecentFiles.defaultConfigDir(),
                stateDir != null ? stateDir : ServiceFiles.defaultDir(), cacheDir != null ? cacheDir : RenderCache.defaultRoot());
        PanelModel model;
        try {
            if (setup != null && Files.exists(setup)) {
                model = PanelWindow.emptyModel();
                model.open(setup);
            } else if (source != null) {
                model = PanelModel.forSource(source, fps);
            } else if (setup != null) {
                throw new BadInputException(setup, "no such setup; give --source MEDIA to start a new one");
            } else {
                model = PanelWindow.emptyModel();
            }
        } catch (BadInputException e) {
            System.err.println("talkfx panel: " + e.getMessage());
            return 2;
        }
        PanelModel m = model;
        CountDownLatch closed = new CountDownLatch(1);
        SwingUtilities.invokeAndWait(() -> {
            try {
                UIManager.setLookAndFeel(UIManager.getSystemLookAndFeelClassName());
            } catch (Exception ignored) {
                // the cross-platform look is fine
            }
            PanelWindow w = new PanelWindow(m, options);
            w.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    closed.countDown();
                }
            });
            w.setVisible(true);
            if (timeline != null) {
                w.importTimeline(timeline);
            }
        });
        closed.await();
        return 0;
    }
}
