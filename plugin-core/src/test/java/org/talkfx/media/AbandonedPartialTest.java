package org.talkfx.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Found by BatchCrashSafetyTest: a SIGKILLed render left its hidden partial output beside the finished one. */
class AbandonedPartialTest {
    @Test
    void writingAnOutputRemovesPartialsOfDeadWritersButNotOfLiveOnes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("shot.mov");
        long dead = (1L << 22) + 12_345; // above the largest pid Linux hands out (pid_max <= 2^22): never alive
        Path abandoned = Files.writeString(dir.resolve(".shot.mov." + dead + ".1a2b3c4d.partial"), "half");
        Path legacy = Files.writeString(dir.resolve(".shot.mov.5e6f7a8b.partial"), "half, older naming");
        Path live = Files.writeString(dir.resolve(".shot.mov." + ProcessHandle.current().pid() + ".0badf00d.partial"), "x");
        Path otherOutput = Files.writeString(dir.resolve(".other.mov." + dead + ".1a2b3c4d.partial"), "not ours");

        Path temp = MediaFiles.temporarySibling(out);

        assertThat(abandoned).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(live).exists();
        assertThat(otherOutput).exists();
        assertThat(temp.getFileName().toString()).startsWith(".shot.mov." + ProcessHandle.current().pid() + ".")
                .endsWith(".partial");
    }
}
