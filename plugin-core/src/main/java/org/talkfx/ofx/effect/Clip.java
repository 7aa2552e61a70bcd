package org.talkfx.ofx.effect;

import com.sun.jna.Pointer;
import java.util.Optional;
import org.talkfx.ofx.image.Components;
import org.talkfx.ofx.image.Image;
import org.talkfx.ofx.image.PixelDepth;
import org.talkfx.ofx.image.RectD;
import org.talkfx.ofx.image.RectI;
import org.talkfx.ofx.jna.HostApi;
import org.talkfx.ofx.props.HostPropertySet;
import org.talkfx.ofx.props.Props;

/** A clip of an instance. */
public final class Clip {
    private final HostApi host;
    private final String name;
    private final Pointer handle;
    private final HostPropertySet props;

    Clip(HostApi host, String name, Pointer handle, Pointer props) {
        this.host = host;
        this.name = name;
        this.handle = handle;
        this.props = new HostPropertySet(host.properties(), props);
    }

    public String name() {
        return name;
    }

    public HostPropertySet properties() {
        return props;
    }

    public boolean connected() {
        return props.getBoolean(Props.CONNECTED);
    }

    public RectD regionOfDefinition(double time) {
        return RectD.of(host.imageEffect().clipGetRegionOfDefinition(handle, time));
    }

    /** The clip's image at a time (whole region), or empty if the host has none; close it when done. */
    public Optional<Image> image(double time) {
        return image(time, null);
    }

    public Optional<Image> image(double time, RectD region) {
        Pointer image = host.imageEffect().clipGetImage(handle, time, region == null ? null : region.toArray());
        if (image == null) {
            return Optional.empty();
        }
        Runnable release = () -> host.imageEffect().clipReleaseImage(image);
        try {
            HostPropertySet p = new HostPropertySet(host.properties(), image);
            return Optional.of(new Image(p.getPointer(Props.IMAGE_DATA, 0), RectI.of(p.getInts(Props.IMAGE_BOUNDS, 4)),
                    p.getInt(Props.IMAGE_ROW_BYTES), PixelDepth.of(p.getString(Props.PIXEL_DEPTH)),
                    Components.of(p.getString(Props.COMPONENTS)), p.getDoubles(Props.RENDER_SCALE, 2), release));
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }
}
