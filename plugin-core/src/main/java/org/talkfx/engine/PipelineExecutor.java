package org.talkfx.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talkfx.cache.EntryWriter;
import org.talkfx.inference.pipeline.CropMapping;
import org.talkfx.inference.pipeline.GenerationCancelledException;
import org.talkfx.inference.pipeline.GenerationListener;
import org.talkfx.inference.pipeline.Pipeline;
import org.talkfx.inference.pipeline.RenderRequest;
import org.talkfx.inference.pipeline.RenderResult;
import org.talkfx.inference.pipeline.RgbImage;
import org.talkfx.service.JobCancelledException;
import org.talkfx.service.JobExecutor;
import org.talkfx.service.JobHandle;
import org.talkfx.service.ShotInputs;
import org.talkfx.service.WindowContext;
import org.talkfx.shot.ShotSetupFile;

import java.nio.file.Path;
import java.util.List;

/**
 * The render service's engine: InfiniteTalk through {@link Pipeline}, with the model folder the shot setup names
 * (or the service's {@code --models}); a folder written by the pipeline's TinyModel runs the tiny random model.
 *
 * <p>Entries hold frames at 25 fps and at the source's size (generated pixels mapped back through the crop, source
 * pixels where the generation size does not reach), laid out by {@link WindowLayout}, plus {@code window.json}
 * ({@code first_frame}, {@code frames}, {@code width}, {@code height}). The pipeline streams a whole shot at once,
 * so the first missing window renders the shot and later windows are written from that run; a resumed job
 * regenerates from the start (same seed, same frames) and writes only the missing windows.
 */
public final class PipelineExecutor implements JobExecutor {
    public static final String WINDOW_FILE = "window.json";

    private Path openDir;
    private Pipeline pipeline;
    private PreparedShot prepared;
    private RenderRequest request;
    private RenderResult rendered;

    @Override
    public String name() {
        return "infinitetalk";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public String modelIdentity(ShotInputs inputs) {
        return ModelIdentity.of(inputs.modelDirectory());
    }

    /**
     * Called once per job: the audio is decoded afresh (a file edited in place has the same path, not the same
     * bytes); the source is decoded only when a window must be generated.
     */
    @Override
    public synchronized int windowCount(ShotInputs inputs) {
        prepared = PreparedShot.of(inputs);
        rendered = null;
        return prepared.windows();
    }

    @Override
    public synchronized void generateWindow(ShotInputs inputs, WindowContext window, EntryWriter out, JobHandle handle)
            throws Exception {
        PreparedShot shot = prepare(inputs);
        if (rendered == null) {
            request = shot.request();
            rendered = render(shot.inputs().modelDirectory(), request, handle);
        }
        WindowLayout layout = shot.layout();
        int first = layout.firstFrame(window.index());
        int end = Math.min(layout.endFrame(window.index()), rendered.frames().size());
        List<RgbImage> source = request.source();
        for (int g = first; g < end; g++) {
            RgbImage under = source.get(Math.min(g, source.size() - 1));
            out.writeFrameRgb(g - first, toSource(rendered.frames().get(g), under, rendered.crop()));
        }
        RgbImage src = source.get(0);
        ObjectNode meta = ShotSetupFile.JSON.createObjectNode().put("first_frame", first).put("frames", end - first)
                .put("width", src.width()).put("height", src.height());
        out.write(WINDOW_FILE, ShotSetupFile.JSON.writeValueAsBytes(meta));
        if (window.index() == window.windowCount() - 1) {
            rendered = null; // the shot is written; do not hold its frames until the next job
            request = null;
        }
    }

    private PreparedShot prepare(ShotInputs inputs) {
        if (prepared == null || !prepared.inputs().equals(inputs)) {
            prepared = PreparedShot.of(inputs);
            rendered = null;
        }
        return prepared;
    }

    private RenderResult render(Path dir, RenderRequest request, JobHandle handle) {
        if (pipeline == null || !dir.equals(openDir)) {
            if (pipeline != null) {
                pipeline.close();
            }
            pipeline = null;
            pipeline = Pipeline.open(dir);
            openDir = dir;
        }
        GenerationListener listener = new GenerationListener() {
            @Override
            public void stepDone(int window, int windows, int step, int steps) {
                handle.step(window * steps + step, windows * steps);
            }

            @Override
            public boolean cancelled() {
                return handle.cancelled();
            }
        };
        try {
            return pipeline.render(request, request.settings().seed(), listener);
        } catch (GenerationCancelledException e) {
            throw new JobCancelledException();
        }
    }

    /** The generated picture at the source's size; source pixels where the centre crop left them out. */
    static byte[] toSource(RgbImage generated, RgbImage source, CropMapping crop) {
        int w = source.width();
        int h = source.height();
        byte[] out = source.rgb().clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!crop.covers(x, y)) {
                    continue;
                }
                int p = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    out[p + c] = (byte) Math.max(0, Math.min(255, Math.round(crop.sampleBack(generated, x, y, c))));
                }
            }
        }
        return out;
    }
}
