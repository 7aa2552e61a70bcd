package org.talkfx.ofx;

import com.sun.jna.Pointer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talkfx.common.BadInputException;
import org.talkfx.ofx.effect.ChangeArgs;
import org.talkfx.ofx.effect.ClipPreferences;
import org.talkfx.ofx.effect.EffectInstance;
import org.talkfx.ofx.effect.OfxEffect;
import org.talkfx.ofx.effect.OfxInstance;
import org.talkfx.ofx.effect.RenderArgs;
import org.talkfx.ofx.effect.SequenceArgs;
import org.talkfx.ofx.image.RectD;
import org.talkfx.ofx.image.RectI;
import org.talkfx.ofx.jna.HostApi;
import org.talkfx.ofx.jna.MessageSuite;
import org.talkfx.ofx.props.HostPropertySet;
import org.talkfx.ofx.props.Props;

/**
 * From action name to a typed handler of the chosen effect. Every throwable stops here: it is logged, shown
 * through the host's message suite and turned into an OFX status. Describe is not handled here: the shim
 * replays recorded descriptions (see org.talkfx.ofx.describe).
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    @FunctionalInterface
    private interface Handler {
        int handle(Call call) throws Exception;
    }

    /** One action call; {@code live} is null before CreateInstance. */
    private record Call(OfxEffect effect, Pointer handle, HostPropertySet in, HostPropertySet out, Live live) {
        EffectInstance instance() {
            if (live == null) {
                throw new OfxException(OfxStatus.ERR_BAD_HANDLE, "no instance with this handle");
            }
            return live.effectInstance();
        }
    }

    private record Live(OfxEffect effect, OfxInstance host, EffectInstance effectInstance) {
    }

    private final Map<String, OfxEffect> effects;
    private final Map<String, Handler> handlers = new HashMap<>();
    private final Map<Long, Live> instances = new ConcurrentHashMap<>();
    private volatile HostApi host;

    Dispatcher(Map<String, OfxEffect> effects) {
        this.effects = Map.copyOf(effects);
        handlers.put(Actions.LOAD, c -> OfxStatus.OK);
        handlers.put(Actions.UNLOAD, c -> OfxStatus.OK);
        handlers.put(Actions.CREATE_INSTANCE, this::createInstance);
        handlers.put(Actions.DESTROY_INSTANCE, this::destroyInstance);
        handlers.put(Actions.RENDER, c -> {
            c.instance().render(renderArgs(c.in()));
            return OfxStatus.OK;
        });
        handlers.put(Actions.BEGIN_SEQUENCE_RENDER, c -> {
            c.instance().beginSequenceRender(sequenceArgs(c.in()));
            return OfxStatus.OK;
        });
        handlers.put(Actions.END_SEQUENCE_RENDER, c -> {
            c.instance().endSequenceRender(sequenceArgs(c.in()));
            return OfxStatus.OK;
        });
        handlers.put(Actions.GET_REGION_OF_DEFINITION, c -> c.instance()
                .regionOfDefinition(c.in().getDouble(Props.TIME), c.in().getDoubles(Props.RENDER_SCALE, 2))
                .map(rod -> {
                    c.out().setDoubles(Props.REGION_OF_DEFINITION, rod.toArray());
                    return OfxStatus.OK;
                }).orElse(OfxStatus.REPLY_DEFAULT));
        handlers.put(Actions.GET_REGIONS_OF_INTEREST, this::regionsOfInterest);
        handlers.put(Actions.GET_CLIP_PREFERENCES,
                c -> c.instance().clipPreferences(new ClipPreferences(c.out())) ? OfxStatus.OK : OfxStatus.REPLY_DEFAULT);
        handlers.put(Actions.IS_IDENTITY, c -> c.instance().isIdentity(renderArgs(c.in())).map(identity -> {
            c.out().setString(Props.NAME, 0, identity.clip());
            c.out().setDouble(Props.TIME, 0, identity.time());
            return OfxStatus.OK;
        }).orElse(OfxStatus.REPLY_DEFAULT));
        handlers.put(Actions.BEGIN_INSTANCE_CHANGED, c -> {
            c.instance().beginInstanceChanged(c.in().getString(Props.CHANGE_REASON));
            return OfxStatus.OK;
        });
        handlers.put(Actions.INSTANCE_CHANGED, c -> {
            HostPropertySet in = c.in();
            c.instance().instanceChanged(new ChangeArgs(in.getString(Props.TYPE), in.getString(Props.NAME),
                    in.getString(Props.CHANGE_REASON), in.getDouble(Props.TIME), in.getDoubles(Props.RENDER_SCALE, 2)));
            return OfxStatus.OK;
        });
        handlers.put(Actions.END_INSTANCE_CHANGED, c -> {
            c.instance().endInstanceChanged(c.in().getString(Props.CHANGE_REASON));
            return OfxStatus.OK;
        });
        handlers.put(Actions.PURGE_CACHES, c -> {
            c.instance().purgeCaches();
            return OfxStatus.OK;
        });
    }

    void setHost(HostApi host) {
        this.host = host;
    }

    int dispatch(String pluginId, String action, long handle, long inArgs, long outArgs) {
        HostApi h = host;
        Pointer handlePointer = handle == 0 ? null : new Pointer(handle);
        try {
            if (h == null) {
                throw new IllegalStateException("no host yet (setHost was not called)");
            }
            Handler handler = handlers.get(action);
            if (handler == null) {
                return OfxStatus.REPLY_DEFAULT;
            }
            OfxEffect effect = effects.get(pluginId);
            if (effect == null) {
                throw new IllegalStateException("no effect with identifier " + pluginId + " in the jars");
            }
            return handler.handle(new Call(effect, handlePointer, props(h, inArgs), props(h, outArgs), instances.get(handle)));
        } catch (Throwable t) {
            return fail(h, handlePointer, pluginId, action, t);
        }
    }

    private static HostPropertySet props(HostApi host, long handle) {
        return handle == 0 ? null : new HostPropertySet(host.properties(), new Pointer(handle));
    }

    private int createInstance(Call c) {
        OfxInstance instance = new OfxInstance(host, c.handle());
        instances.put(Pointer.nativeValue(c.handle()), new Live(c.effect(), instance, c.effect().createInstance(instance)));
        return OfxStatus.OK;
    }

    private int destroyInstance(Call c) throws Exception {
        Live live = instances.remove(Pointer.nativeValue(c.handle()));
        if (live == null) {
            return OfxStatus.ERR_BAD_HANDLE;
        }
        live.effectInstance().destroy();
        return OfxStatus.OK;
    }

    private int regionsOfInterest(Call c) throws Exception {
        Map<String, RectD> rois = c.instance().regionsOfInterest(c.in().getDouble(Props.TIME),
                c.in().getDoubles(Props.RENDER_SCALE, 2), RectD.of(c.in().getDoubles(Props.REGION_OF_INTEREST, 4)));
        rois.forEach((clip, roi) -> c.out().setDoubles(Props.CLIP_ROI_PREFIX + clip, roi.toArray()));
        return rois.isEmpty() ? OfxStatus.REPLY_DEFAULT : OfxStatus.OK;
    }

    private static RenderArgs renderArgs(HostPropertySet in) {
        return new RenderArgs(in.getDouble(Props.TIME), RectI.of(in.getInts(Props.RENDER_WINDOW, 4)),
                in.getDoubles(Props.RENDER_SCALE, 2), optionalString(in, Props.FIELD_TO_RENDER, "OfxImageFieldNone"),
                optionalInt(in, "OfxImageEffectPropSequentialRenderStatus") != 0,
                optionalInt(in, "OfxImageEffectPropInteractiveRenderStatus") != 0);
    }

    private static SequenceArgs sequenceArgs(HostPropertySet in) {
        double[] range = in.getDoubles(Props.FRAME_RANGE, 2);
        return new SequenceArgs(range[0], range[1], in.getDouble(Props.FRAME_STEP), optionalInt(in, Props.IS_INTERACTIVE) != 0,
                in.getDoubles(Props.RENDER_SCALE, 2));
    }

    /** Hosts differ in which optional in-args they set. */
    private static int optionalInt(HostPropertySet in, String name) {
        try {
            return in.getInt(name);
        } catch (OfxException e) {
            return 0;
        }
    }

    private static String optionalString(HostPropertySet in, String name, String fallback) {
        try {
            return in.getString(name);
        } catch (OfxException e) {
            return fallback;
        }
    }

    /** The one place where Java failures become OFX statuses. */
    private static int fail(HostApi host, Pointer handle, String pluginId, String action, Throwable t) {
        int status;
        String text;
        if (t instanceof OfxException e) {
            status = e.status();
            text = e.getMessage();
        } else if (t instanceof OutOfMemoryError) {
            status = OfxStatus.ERR_MEMORY;
            text = "out of Java heap memory; raise -Xmx in Contents/Resources/talkfx-jvm.cfg";
        } else if (t instanceof BadInputException) {
            status = OfxStatus.FAILED;
            text = t.getMessage();
        } else {
            status = OfxStatus.FAILED;
            text = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        String message = "TalkFX " + pluginId + " " + action + " failed: " + text;
        if (t instanceof BadInputException) {
            LOG.warn(message); // the user's to fix; a stack trace would only hide the message
        } else {
            LOG.error(message, t);
        }
        try {
            if (host != null) {
                host.message().ifPresent(m -> m.message(handle, MessageSuite.ERROR, "talkfx.error", message));
            }
        } catch (Throwable reportFailure) { // the host's message suite itself failed: the log has it
            LOG.error("could not report through the host's message suite", reportFailure);
        }
        return status;
    }
}
