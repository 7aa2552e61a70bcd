package org.talkfx.ofx.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.talkfx.ofx.effect.ContextDescriptor;
import org.talkfx.ofx.effect.EffectDescriptor;
import org.talkfx.ofx.effect.EffectInstance;
import org.talkfx.ofx.effect.OfxEffect;
import org.talkfx.ofx.effect.OfxEffects;
import org.talkfx.ofx.effect.OfxInstance;
import org.talkfx.ofx.effect.ParamDescriptor;

class DescriptionRecorderTest {
    /** A minimal effect whose describe methods run the given code. */
    private record Described(String label, String context) implements OfxEffect {
        @Override
        public String identifier() {
            return "org.talkfx.test.Described";
        }

        @Override
        public void describe(EffectDescriptor effect) {
            effect.label(label);
            if (context != null) {
                effect.contexts(context);
            }
        }

        @Override
        public void describeInContext(ContextDescriptor context) {
            context.defineClip("Source");
            context.defineParam(ParamDescriptor.RGBA, "tint").defaultValue(1, 0.5, 0.25, 1);
        }

        @Override
        public EffectInstance createInstance(OfxInstance instance) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theSampleEffectIsFoundAndRecordedInTheOrderTheShimReplays() {
        String text = DescriptionRecorder.record(OfxEffects.byIdentifier(getClass().getClassLoader()).values());
        List<String> lines = text.lines().toList();
        assertThat(lines).contains("plugin\torg.talkfx.ofx.sample.GainInvert\t1\t0",
                "prop\ts\tOfxImageEffectPropSupportedContexts\tOfxImageEffectContextFilter\tOfxImageEffectContextGeneral",
                "param\tOfxParamTypeChoice\tmode", "prop\ts\tOfxParamPropChoiceOption\tNormal\tInvert",
                "prop\ts\tOfxParamPropStringMode\tOfxParamStringIsFilePath", "prop\ts\tOfxParamPropDefault\t");
        int filter = lines.indexOf("context\tOfxImageEffectContextFilter");
        int general = lines.indexOf("context\tOfxImageEffectContextGeneral");
        assertThat(filter).isPositive().isLessThan(general);
        assertThat(lines.indexOf("clip\tSource")).isGreaterThan(filter);
        // a param's properties follow its own line, before the next definition
        int gain = lines.indexOf("param\tOfxParamTypeDouble\tgain");
        assertThat(lines.get(gain + 3)).isEqualTo("prop\td\tOfxParamPropDefault\t1.0");
    }

    @Test
    void multiValuedPropertiesKeepTheirOrder() {
        String text = DescriptionRecorder.record(List.of(new Described("A", ContextDescriptor.FILTER)));
        assertThat(text).contains("param\tOfxParamTypeRGBA\ttint\nprop\td\tOfxParamPropDefault\t1.0\t0.5\t0.25\t1.0\n");
    }

    @Test
    void valuesThatTheLineFormatCannotCarryAreRejected() {
        assertThatThrownBy(() -> DescriptionRecorder.record(List.of(new Described("tab\there", ContextDescriptor.FILTER))))
                .hasMessageContaining("OfxPropLabel").hasMessageContaining("tabs and newlines");
    }

    @Test
    void anEffectWithoutContextsIsRejected() {
        assertThatThrownBy(() -> DescriptionRecorder.record(List.of(new Described("A", null))))
                .hasMessageContaining("org.talkfx.test.Described: describe must list its contexts");
    }
}
