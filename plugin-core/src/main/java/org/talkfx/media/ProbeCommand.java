package org.talkfx.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.talkfx.cli.TalkFxCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Show a media file's duration, streams, frame rate, size, codecs and colour description.")
public final class ProbeCommand implements Callable<Integer>, TalkFxCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Media files to inspect.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public int order() {
        return 50;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (json) {
            List<MediaInfo> infos = new ArrayList<>();
            for (Path file : files) {
                infos.add(MediaProbe.probe(file));
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(infos));
            return 0;
        }
        for (Path file : files) {
            MediaInfo info = MediaProbe.probe(file);
            out.printf("%s: %s, %.3f s, %d kb/s%n", info.file(), info.format(), info.durationSeconds(), info.bitRate() / 1000);
            for (StreamInfo s : info.streams()) {
                if (s.isVideo()) {
                    out.printf("  #%d video %s %dx%d, %.3f fps%s, %d frames, %s, colour %s, %.3f s%n", s.index(), s.codec(),
                            s.width(), s.height(), s.fps(), s.variableFrameRate() ? " (variable)" : "", s.frameCount(),
                            s.pixelFormat(), s.color(), s.durationSeconds());
                } else if (s.isAudio()) {
                    out.printf("  #%d audio %s, %d Hz, %d channels, %s, %.3f s%n", s.index(), s.codec(), s.sampleRate(),
                            s.channels(), s.sampleFormat(), s.durationSeconds());
                } else {
                    out.printf("  #%d %s %s%n", s.index(), s.type(), s.codec());
                }
            }
        }
        return 0;
    }
}
