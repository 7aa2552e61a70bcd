package org.talkfx.panel.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.inference.face.FaceAnalysis;
import org.talkfx.inference.face.RgbFrame;
import org.talkfx.media.EncodeSettings;
import org.talkfx.media.OutputFormat;
import org.talkfx.media.VideoEncoder;
import org.talkfx.panel.TestMedia;
import org.talkfx.panel.work.FrameGrab;
import org.talkfx.panel.work.HeadScan;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The heads preview's frames and tracks from a real H.264 file made from a real portrait. */
class FrameGrabTest {
    @TempDir
    Path tmp;

    /** 20 frames at 10 fps: the astronaut sliding right by 4 px a frame, on a background whose grey encodes the frame. */
    private Path movingPortrait() throws Exception {
        BufferedImage face = ImageIO.read(TestMedia.root().resolve("deps/images/astronaut.png").toFile());
        int w = 320;
        int h = 240;
        Path out = tmp.resolve("clip.mp4");
        try (VideoEncoder enc = VideoEncoder.open(out, EncodeSettings.of(OutputFormat.H264_MP4, w, h, 10), (done, total) -> { })) {
            for (int f = 0; f < 20; f++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                var g = img.createGraphics();
                g.setColor(new java.awt.Color(f * 12, f * 12, f * 12));
                g.fillRect(0, 0, w, h);
                g.drawImage(face, 40 + 4 * f, 10, 220, 220, null);
                g.dispose();
                enc.write(RgbFrame.ofPackedRgb(w, h, img.getRGB(0, 0, w, h, null, 0, w)).rgb());
            }
            enc.finish();
        }
        return out;
    }

    @Test
    void framesUnderThePlayheadAndHeadTracksFollowTheVideo() throws Exception {
        Path clip = movingPortrait();
        for (int f : new int[] {0, 7, 19}) {
            RgbFrame frame = FrameGrab.frame(clip, f, 10.0);
            assertThat(frame.width()).isEqualTo(320);
            int grey = frame.rgb()[3 * (2 * 320 + 2)] & 0xff;          // top-left background pixel
            assertThat(grey).as("frame %d", f).isCloseTo(f * 12, org.assertj.core.api.Assertions.within(6));
        }
        List<RgbFrame> some = new ArrayList<>();
        Iterator<RgbFrame> it = FrameGrab.frames(clip, 5, 8, 10.0, () -> some.size() >= 10);
        it.forEachRemaining(some::add);
        assertThat(some).hasSize(3);

        FaceAnalysis a = HeadScan.scan(clip, 0, -1, 10.0, () -> false);
        assertThat(a.frames()).isEqualTo(20);
        assertThat(a.tracks()).hasSize(1);
        HeadScan.Head first = HeadScan.headsAt(a, 0).get(0);
        HeadScan.Head last = HeadScan.headsAt(a, 19).get(0);
        assertThat(last.x() - first.x()).isBetween(60f, 90f);            // moved 76 px
        assertThat(first.contains(first.x() + first.width() / 2, first.y() + first.height() / 2)).isTrue();
        assertThatThrownBy(() -> HeadScan.scan(clip, 0, -1, 10.0, () -> true)).isInstanceOf(CancellationException.class);
    }
}
