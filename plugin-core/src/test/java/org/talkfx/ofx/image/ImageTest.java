package org.talkfx.ofx.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImageTest {
    private static final double[] SCALE = {1, 1};

    /** 3 rows of 2 RGBA8 pixels, padded to 12 bytes a row, row y holding the byte value 10 * (y + 1). */
    private static Memory rows(boolean bottomUp) {
        Memory memory = new Memory(36);
        for (int y = 0; y < 3; y++) {
            int memoryRow = bottomUp ? 2 - y : y;
            for (int i = 0; i < 12; i++) {
                memory.setByte(memoryRow * 12L + i, (byte) (10 * (y + 1)));
            }
        }
        return memory;
    }

    @Test
    void bottomUpImagesStartAtTheLowestAddressAndKeepRowZeroAtTheHostsPointer() {
        Memory memory = rows(true);
        RectI bounds = new RectI(5, 7, 7, 10);
        // the host's data pointer is row y1, which is the last row in memory when rows run bottom-up
        try (Image image = new Image(memory.share(24), bounds, -12, PixelDepth.BYTE, Components.RGBA, SCALE, () -> { })) {
            assertThat(image.bytes().capacity()).isEqualTo(36);
            assertThat(image.rowOffset(7)).isEqualTo(24);
            assertThat(image.rowOffset(9)).isZero();
            assertThat(image.bytes().get(image.pixelOffset(6, 7) + 3)).isEqualTo((byte) 10);
            assertThat(image.bytes().get(image.pixelOffset(5, 9))).isEqualTo((byte) 30);
            assertThatThrownBy(() -> image.rowOffset(10)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> image.pixelOffset(7, 8)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void topDownImagesCountRowsUpFromTheStart() {
        Memory memory = rows(false);
        try (Image image = new Image(memory, new RectI(0, 0, 2, 3), 12, PixelDepth.BYTE, Components.RGBA, SCALE, () -> { })) {
            assertThat(image.rowOffset(2)).isEqualTo(24);
            assertThat(image.bytes().get(image.pixelOffset(1, 2))).isEqualTo((byte) 30);
        }
    }

    @Test
    void floatViewsSeeTheHostMemoryWithoutCopying() {
        Memory memory = new Memory(2 * 16);
        try (Image image = new Image(memory, new RectI(0, 0, 2, 1), 32, PixelDepth.FLOAT, Components.RGBA, SCALE, () -> { })) {
            image.floats().put(image.pixelOffset(1, 0) / 4 + 2, 0.25f);
            assertThat(memory.getFloat(16 + 8)).isEqualTo(0.25f);
        }
    }

    @Test
    void closeReleasesOnceAndForbidsFurtherAccess() {
        AtomicInteger released = new AtomicInteger();
        Image image = new Image(new Memory(8), new RectI(0, 0, 2, 1), 8, PixelDepth.BYTE, Components.RGBA, SCALE,
                released::incrementAndGet);
        image.close();
        image.close();
        assertThat(released).hasValue(1);
        assertThatThrownBy(image::bytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("after release");
    }

    @Test
    void rowBytesTooSmallForTheBoundsIsRejectedAndTheImageReleased() {
        AtomicInteger released = new AtomicInteger();
        assertThatThrownBy(() -> new Image(new Memory(64), new RectI(0, 0, 4, 2), 8, PixelDepth.BYTE, Components.RGBA, SCALE,
                released::incrementAndGet)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row bytes 8");
        assertThat(released).hasValue(1);
    }
}
