package org.talkfx.ofx.describe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.talkfx.ofx.effect.ContextDescriptor;
import org.talkfx.ofx.effect.EffectDescriptor;
import org.talkfx.ofx.effect.OfxEffect;
import org.talkfx.ofx.props.PropertySet;
import org.talkfx.ofx.props.Props;

/**
 * Runs the effects' describe methods against recording property sets and writes what they did as the text the
 * C shim replays (Contents/Resources/talkfx-describe.tsv). Lines are tab-separated:
 * {@code plugin <id> <major> <minor>}, {@code context <name>}, {@code clip <name>}, {@code param <type> <name>},
 * and {@code prop <s|i|d> <name> <values...>} for the plugin, clip or param line above it.
 */
public final class DescriptionRecorder {
    /** The shim's limit on plugins per binary (MAX_PLUGINS in talkfx_ofx.c). */
    public static final int MAX_PLUGINS = 8;

    private DescriptionRecorder() {
    }

    private record Block(String header, RecordingPropertySet props) {
    }

    public static String record(Collection<OfxEffect> effects) {
        if (effects.size() > MAX_PLUGINS) {
            throw new IllegalArgumentException("the shim offers at most " + MAX_PLUGINS + " plugins, got " + effects.size());
        }
        StringBuilder out = new StringBuilder("# TalkFX plugin descriptions, recorded at build time; replayed by TalkFX.ofx\n");
        for (OfxEffect effect : effects) {
            out.append("plugin\t").append(effect.identifier()).append('\t').append(effect.versionMajor()).append('\t')
                    .append(effect.versionMinor()).append('\n');
            RecordingPropertySet props = new RecordingPropertySet();
            effect.describe(new EffectDescriptor(props));
            props.appendTo(out);
            String[] contexts = props.getStrings(Props.SUPPORTED_CONTEXTS);
            if (contexts.length == 0) {
                throw new IllegalStateException(effect.identifier() + ": describe must list its contexts");
            }
            for (String context : contexts) {
                out.append("context\t").append(context).append('\n');
                List<Block> blocks = new ArrayList<>();
                effect.describeInContext(new ContextDescriptor(context, new ContextDescriptor.Definer() {
                    @Override
                    public PropertySet defineClip(String name) {
                        return add("clip\t" + name);
                    }

                    @Override
                    public PropertySet defineParam(String type, String name) {
                        return add("param\t" + type + "\t" + name);
                    }

                    private PropertySet add(String header) {
                        Block block = new Block(header, new RecordingPropertySet());
                        blocks.add(block);
                        return block.props();
                    }
                }));
                for (Block block : blocks) {
                    out.append(block.header()).append('\n');
                    block.props().appendTo(out);
                }
            }
        }
        return out.toString();
    }
}
