package org.talkfx.panel.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.panel.TestMedia;
import org.talkfx.panel.model.LaneClip;
import org.talkfx.panel.model.PanelModel;
import org.talkfx.panel.work.HeadScan;
import org.talkfx.service.JobState;
import org.talkfx.service.RenderService;
import org.talkfx.service.ServiceConfig;
import org.talkfx.shot.Mode;
import org.talkfx.shot.ShotSetup;
import org.talkfx.shot.ShotSetupFile;
import org.talkfx.shot.Source;
import org.talkfx.shot.Speaker;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The panel driven like a user would, with real mouse clicks and keys through java.awt.Robot on a real (virtual)
 * display. Run in its own JVM by {@link PanelWindowTest} (which starts Xvfb); writes {@code result.json} and
 * screenshots, and exits non-zero on any failure.
 */
public final class PanelScenario {
    private final Path work;
    private final Path shots;
    private final Robot robot;
    private PanelWindow window;

    private PanelScenario(Path work, Path shots) throws Exception {
        this.work = work;
        this.shots = shots;
        this.robot = new Robot();
        robot.setAutoDelay(30);
    }

    public static void main(String[] args) {
        try {
            new PanelScenario(Path.of(args[0]), Path.of(args[1])).run();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Files.createDirectories(shots);
        Path face = Files.copy(TestMedia.root().resolve("deps/images/astronaut.png"), work.resolve("face.png"));
        Path otio = TestMedia.editorTimeline(work, face.getFileName().toString());
        Path setup = work.resolve("shot.talkfx.json");
        new ShotSetupFile().save(setup, ShotSetup.of(Mode.ANIMATE_IMAGE, new Source("face.png", null, 96L, 24.0),
                List.of(new Speaker("anna.wav", 0.0, null, null, null))));
        Path state = work.resolve("state");
        Path cache = work.resolve("cache");
        ObjectNode result = new ObjectMapper().createObjectNode();
        try (RenderService service = RenderService.start(ServiceConfig.local(state, List.of(work), cache, work.resolve("gpu.lock")),
                new TintExecutor(true))) {
            result.put("service_port", service.port());
            onEdt(() -> {
                PanelModel model = PanelWindow.emptyModel();
                window = new PanelWindow(model, new PanelOptions(work.resolve("config"), state, cache));
                window.setLocation(0, 0);
                window.setVisible(true);
                window.open(setup);
                return null;
            });
            waitFor("setup opened", () -> !window.loading() && setup.equals(window.model.setupFile()));
            waitFor("service ready", () -> window.jobs.indicator.status() != null
                    && window.jobs.indicator.status().state() == org.talkfx.panel.model.ServiceStatus.State.READY);
            result.put("service_state", window.jobs.indicator.status().state().name());
            shot("01-opened");

            onEdt(() -> {
                window.importTimeline(otio);
                return null;
            });
            waitFor("timeline and waveforms", () -> !window.loading() && window.model.timeline() != null
                    && window.timeline.waveformsSettled() && window.timeline.loadedWaveforms() >= 2);
            LaneClip anna = onEdt(() -> window.model.lanes().get(0).clips().get(0));
            LaneClip ben = onEdt(() -> window.model.lanes().get(1).clips().get(0));
            click(window.picker.button(2));
            clickAt(window.timeline, onEdt(() -> centre(window.timeline.clipBounds(ben.id()))));
            click(window.picker.button(1));
            clickAt(window.timeline, onEdt(() -> centre(window.timeline.clipBounds(anna.id()))));
            Point from = onEdt(() -> window.timeline.rulerPoint(2.0));
            Point to = onEdt(() -> window.timeline.rulerPoint(2.5));
            drag(window.timeline, from, to);
            click(window.speakers.add);
            waitFor("assignments", () -> window.model.speakerOf(anna) == 1 && window.model.speakerOf(ben) == 2
                    && window.model.excludes().size() == 1);
            shot("02-timeline");

            // Heads: detect with Ctrl+D, click the astronaut's head for speaker 1, heads only, feather 24
            key(KeyEvent.VK_D, true);
            waitFor("head detection", () -> window.heads.analysis() != null && !window.heads.view.heads().isEmpty() && !window.heads.busy());
            HeadScan.Head head = onEdt(() -> window.heads.view.heads().get(0));
            result.put("head_track", head.track());
            click(window.picker.button(1));
            clickAt(window.heads.view, onEdt(() -> centre(window.heads.view.headBounds(head.track()))));
            click(window.heads.headsOnly);
            onEdt(() -> {
                window.heads.feather.setValue(24);
                window.heads.expand.setValue(6);
                return null;
            });
            waitFor("face assigned", () -> window.model.speakerOfFace(head.track()) == 1 && window.heads.view.overlay() != null);
            shot("03-heads");

            // Jobs: Ctrl+G generates through the service; Ctrl+. cancels it at the next sampler step
            onEdt(() -> {
                window.speakers.gain(2).setValue(-3.0);
                return null;
            });
            key(KeyEvent.VK_G, true);
            waitFor("a running job", () -> window.jobs.lastStatus() != null && window.jobs.lastStatus().state() == JobState.RUNNING
                    && window.jobs.lastStatus().step() >= 1);
            shot("04-running");
            key(KeyEvent.VK_PERIOD, true);
            waitFor("cancelled", () -> !window.jobs.running() && window.jobs.lastStatus().state().terminal());
            result.put("cancelled_state", window.jobs.lastStatus().state().name());
            result.put("cancelled_text", window.jobs.progressText.getText());

            // Generate again; frames land in the cache and show as they do
            key(KeyEvent.VK_G, true);
            waitFor("generation", () -> window.jobs.lastStatus() != null && window.jobs.lastStatus().state().terminal()
                    && !window.jobs.running() && window.jobs.generatedFrame() != null);
            result.put("job_state", window.jobs.lastStatus().state().name());
            result.put("windows_landed", window.jobs.windowsLanded());
            result.put("progress_text", window.jobs.progressText.getText());
            var img = window.jobs.generatedFrame();
            result.put("generated_width", img.getWidth());
            result.put("generated_height", img.getHeight());
            shot("05-generated");
            key(KeyEvent.VK_B, true);
            waitFor("original shown", () -> window.jobs.beforeAfter.isSelected());
            shot("06-original");

            onEdt(() -> {
                window.tabs.setSelectedIndex(3);
                return null;
            });
            result.put("batch_shots", onEdt(() -> window.batch.shots().size()));
            shot("07-batch");

            key(KeyEvent.VK_S, true);
            waitFor("saved", () -> !window.model.dirty());
            result.put("title", onEdt(window::getTitle));

            // Drag the "Speaker 3" button onto the clip whose file is missing: assigned, and the problem is shown
            onEdt(() -> {
                window.tabs.setSelectedIndex(0);
                return null;
            });
            robot.waitForIdle();
            LaneClip gone = onEdt(() -> window.model.lanes().get(2).clips().get(0));
            drag(window.picker.button(3), onEdt(() -> new Point(window.picker.button(3).getWidth() / 2, window.picker.button(3).getHeight() / 2)),
                    window.timeline, onEdt(() -> centre(window.timeline.clipBounds(gone.id()))));
            waitFor("speaker 3 dropped on a clip", () -> window.model.speakerOf(gone) == 3);
            result.put("problem_after_drop", onEdt(() -> window.model.problems().get(0)));
            shot("08-dropped-missing");

            // Keyboard only: focus the lanes, Home selects the first clip (anna), key 4 picks speaker 4, Enter assigns
            onEdt(() -> {
                window.timeline.requestFocusInWindow();
                return null;
            });
            waitFor("timeline focus", () -> window.timeline.hasFocus());
            key(KeyEvent.VK_HOME, false);
            key(KeyEvent.VK_4, false);
            key(KeyEvent.VK_ENTER, false);
            waitFor("keyboard assignment", () -> window.model.speakerOf(anna) == 4);
            key(KeyEvent.VK_RIGHT, false);
            key(KeyEvent.VK_DELETE, false);    // the next clip, ben, is released
            waitFor("keyboard release", () -> window.model.speakerOf(ben) == 0);
            result.put("keyboard_selected", onEdt(() -> window.timeline.selectedClipId()));
            shot("09-keyboard");

            // The service goes away: the indicator turns red and Generate explains what to do
            service.close();
            waitFor("service unreachable", () -> window.jobs.indicator.status().state() == org.talkfx.panel.model.ServiceStatus.State.UNREACHABLE);
            onEdt(() -> {
                window.tabs.setSelectedIndex(2);
                return null;
            });
            result.put("unreachable_detail", window.jobs.indicator.status().detail());
            shot("10-unreachable");
            onEdt(() -> {
                window.dispose();
                return null;
            });
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(work.resolve("result.json").toFile(), result);
    }

    // ---- driving the real components ------------------------------------------------------------------------

    private static <T> T onEdt(Callable<T> c) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                err.set(e);
            }
        });
        if (err.get() != null) {
            throw err.get();
        }
        return out.get();
    }

    private static Point centre(Rectangle r) {
        if (r == null) {
            throw new AssertionError("the component has not drawn what the scenario wants to click");
        }
        return new Point(r.x + r.width / 2, r.y + r.height / 2);
    }

    private void waitFor(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (onEdt(condition)) {
                robot.waitForIdle();
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private void click(JComponent c) throws Exception {
        clickAt(c, onEdt(() -> new Point(c.getWidth() / 2, c.getHeight() / 2)));
    }

    private void clickAt(Component c, Point p) throws Exception {
        Point s = onEdt(() -> {
            Point q = new Point(p);
            SwingUtilities.convertPointToScreen(q, c);
            return q;
        });
        robot.mouseMove(s.x, s.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    private void drag(Component c, Point a, Point b) throws Exception {
        drag(c, a, c, b);
    }

    /** Press on {@code a} of {@code from}, move in small steps, release on {@code b} of {@code to}. */
    private void drag(Component from, Point a, Component to, Point b) throws Exception {
        Point sa = onEdt(() -> {
            Point q = new Point(a);
            SwingUtilities.convertPointToScreen(q, from);
            return q;
        });
        Point sb = onEdt(() -> {
            Point q = new Point(b);
            SwingUtilities.convertPointToScreen(q, to);
            return q;
        });
        robot.mouseMove(sa.x, sa.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        for (int i = 1; i <= 20; i++) {
            robot.mouseMove(sa.x + (sb.x - sa.x) * i / 20, sa.y + (sb.y - sa.y) * i / 20);
        }
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    private void key(int code, boolean ctrl) {
        if (ctrl) {
            robot.keyPress(KeyEvent.VK_CONTROL);
        }
        robot.keyPress(code);
        robot.keyRelease(code);
        if (ctrl) {
            robot.keyRelease(KeyEvent.VK_CONTROL);
        }
        robot.waitForIdle();
    }

    private void shot(String name) throws Exception {
        robot.waitForIdle();
        Thread.sleep(200);
        Rectangle r = onEdt(() -> window.getBounds());
        ImageIO.write(robot.createScreenCapture(r), "png", shots.resolve(name + ".png").toFile());
    }
}
