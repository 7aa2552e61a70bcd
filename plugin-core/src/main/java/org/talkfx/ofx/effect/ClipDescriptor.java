package org.talkfx.ofx.effect;

import java.util.Arrays;
import org.talkfx.ofx.image.Components;
import org.talkfx.ofx.props.PropertySet;
import org.talkfx.ofx.props.Props;

/** A clip being defined in DescribeInContext. */
public final class ClipDescriptor {
    private final PropertySet props;

    ClipDescriptor(PropertySet props) {
        this.props = props;
    }

    public PropertySet properties() {
        return props;
    }

    public ClipDescriptor components(Components... components) {
        props.setStrings(Props.SUPPORTED_COMPONENTS, Arrays.stream(components).map(Components::ofxName).toArray(String[]::new));
        return this;
    }

    public ClipDescriptor optional(boolean optional) {
        props.setBoolean(Props.OPTIONAL, optional);
        return this;
    }

    public ClipDescriptor supportsTiles(boolean tiles) {
        props.setBoolean(Props.SUPPORTS_TILES, tiles);
        return this;
    }

    public ClipDescriptor temporalAccess(boolean temporal) {
        props.setBoolean(Props.TEMPORAL_CLIP_ACCESS, temporal);
        return this;
    }
}
