package org.talkfx.media;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * How a video's YUV samples map to colour: range (limited "tv" or full "pc"), matrix, primaries and transfer, as
 * FFmpeg's enum values. Decoding uses range and matrix to convert to RGB; encoding writes all four into the codec and
 * the container so that editors interpret the output like the source.
 */
public record ColorInfo(int range, int space, int primaries, int transfer) {
    /** What TalkFX writes when nothing better is known: BT.709, limited range. */
    public static final ColorInfo BT709_LIMITED = new ColorInfo(avutil.AVCOL_RANGE_MPEG, avutil.AVCOL_SPC_BT709,
            avutil.AVCOL_PRI_BT709, avutil.AVCOL_TRC_BT709);

    /** True when the samples use the full 0-255 (or 0-1023) range. */
    public boolean fullRange() {
        return range == avutil.AVCOL_RANGE_JPEG;
    }

    /**
     * The matrix to use for conversion: the signalled one, else the usual guess of players (BT.601 below 720 lines,
     * BT.709 from 720 up).
     */
    public int effectiveSpace(int height) {
        if (space != avutil.AVCOL_SPC_UNSPECIFIED && space != avutil.AVCOL_SPC_RESERVED && space != avutil.AVCOL_SPC_RGB) {
            return space;
        }
        return height >= 720 ? avutil.AVCOL_SPC_BT709 : avutil.AVCOL_SPC_SMPTE170M;
    }

    /** This colour description with unspecified fields filled from BT.709 limited, for writing. */
    public ColorInfo orDefaults() {
        return new ColorInfo(
                range == avutil.AVCOL_RANGE_UNSPECIFIED ? BT709_LIMITED.range : range,
                space == avutil.AVCOL_SPC_UNSPECIFIED ? BT709_LIMITED.space : space,
                primaries == avutil.AVCOL_PRI_UNSPECIFIED ? BT709_LIMITED.primaries : primaries,
                transfer == avutil.AVCOL_TRC_UNSPECIFIED ? BT709_LIMITED.transfer : transfer);
    }

    @Override
    public String toString() {
        return Ff.string(avutil.av_color_range_name(range)) + "/" + Ff.string(avutil.av_color_space_name(space)) + "/"
                + Ff.string(avutil.av_color_primaries_name(primaries)) + "/" + Ff.string(avutil.av_color_transfer_name(transfer));
    }
}
