package org.talkfx.effect;

/**
 * Script names, labels and hints of every parameter of the TalkFX effect, in one place (hosts save projects by
 * script name: renaming one loses users' settings). Choice options are plain words because some hosts (MLT) set
 * choices by label.
 */
public final class TalkFxParams {
    private TalkFxParams() {
    }

    public static final String MODE = "mode";
    public static final String MODE_LABEL = "Mode";
    public static final String MODE_HINT = "Dub video: re-animate the clip's faces to the audio. Animate image: bring one still picture to life.";
    public static final String[] MODE_OPTIONS = {"Dub video", "Animate image"};

    public static final int SPEAKERS = 4;

    public static String speakerAudio(int i) {
        return "speaker" + i + "Audio";
    }

    public static String speakerOffset(int i) {
        return "speaker" + i + "Offset";
    }

    public static String speakerGain(int i) {
        return "speaker" + i + "Gain";
    }

    public static String speakerEnabled(int i) {
        return "speaker" + i + "Enabled";
    }

    public static final String SPEAKER_AUDIO_HINT = "The speaker's audio file (WAV, MP3, FLAC, or the audio of a video).";
    public static final String SPEAKER_OFFSET_HINT = "Seconds from the clip's first frame to the audio file's start (negative: the audio starts earlier).";
    public static final String SPEAKER_GAIN_HINT = "Gain applied to this speaker's audio before generation, in dB (-60 to 24).";
    public static final String SPEAKER_ENABLED_HINT = "Whether this speaker takes part; disabled speakers keep their settings.";

    public static final String SOURCE_MEDIA = "sourceMedia";
    public static final String SOURCE_MEDIA_LABEL = "Source media";
    public static final String SOURCE_MEDIA_HINT = "The clip's media file. The render service reads it, and it stands in for the clip on hosts without temporal access.";

    public static final String FPS_FALLBACK = "fpsFallback";
    public static final String FPS_FALLBACK_LABEL = "Frame rate (fallback)";
    public static final String FPS_FALLBACK_HINT = "Frames per second to assume when neither the host nor the media file says (0 = 25).";

    public static final String REGION = "region";
    public static final String REGION_LABEL = "Region";
    public static final String REGION_HINT = "Which pixels change: the whole frame, the heads only (inside the feathered mask, the rest stays bit for bit), or the Mask clip.";
    public static final String[] REGION_OPTIONS = {"Whole frame", "Heads only", "Mask clip"};

    public static final String FEATHER = "maskFeather";
    public static final String FEATHER_LABEL = "Mask feather";
    public static final String FEATHER_HINT = "Softness of the mask edge in pixels. Compositing only: changing it never regenerates.";

    public static final String EXPAND = "maskExpand";
    public static final String EXPAND_LABEL = "Mask expand";
    public static final String EXPAND_HINT = "Grows (negative: shrinks) the mask in pixels. Compositing only: changing it never regenerates.";

    public static final String PRESET = "preset";
    public static final String PRESET_LABEL = "Preset";
    public static final String PRESET_HINT = "Draft: few steps, quick. Final: the official quality settings.";
    public static final String[] PRESET_OPTIONS = {"Draft", "Final"};

    public static final String STEPS = "steps";
    public static final String STEPS_LABEL = "Steps";
    public static final String STEPS_HINT = "Sampler steps (0 = the preset's).";

    public static final String SEED = "seed";
    public static final String SEED_LABEL = "Seed";
    public static final String SEED_HINT = "Random seed: the same seed and settings give the same frames.";

    public static final String TEXT_GUIDANCE = "textGuidance";
    public static final String TEXT_GUIDANCE_LABEL = "Text guidance";
    public static final String TEXT_GUIDANCE_HINT = "How strongly the prompt steers the picture (negative = the preset's).";

    public static final String AUDIO_GUIDANCE = "audioGuidance";
    public static final String AUDIO_GUIDANCE_LABEL = "Audio guidance";
    public static final String AUDIO_GUIDANCE_HINT = "How strongly the audio steers the lips (negative = the preset's).";

    public static final String PROMPT = "prompt";
    public static final String PROMPT_LABEL = "Prompt";
    public static final String PROMPT_HINT = "A short description of the scene (empty = the default).";

    public static final String MODEL_DIR = "modelDirectory";
    public static final String MODEL_DIR_LABEL = "Model folder";
    public static final String MODEL_DIR_HINT = "The InfiniteTalk model folder (empty = the render service's).";

    public static final String AUTO_GENERATE = "autoGenerate";
    public static final String AUTO_GENERATE_LABEL = "Generate automatically";
    public static final String AUTO_GENERATE_HINT = "Queue generation when a frame is not generated yet, instead of waiting for 'Generate'.";

    public static final String WAIT_FOR_FRAMES = "waitForFrames";
    public static final String WAIT_FOR_FRAMES_LABEL = "Wait for generation when exporting";
    public static final String WAIT_FOR_FRAMES_HINT = "In final renders, wait until a missing frame is generated (the host's abort still stops it).";

    public static final String SETUP_FILE = "setupFile";
    public static final String SETUP_FILE_LABEL = "Shot setup file";
    public static final String SETUP_FILE_HINT = "Where the shot setup is kept next to the project (the panel edits it). Empty: kept in the project only.";

    /** The whole shot setup as JSON: the project keeps what no other parameter shows (face tracks, exclusions). */
    public static final String SETUP_JSON = "shotSetup";
    public static final String SETUP_JSON_LABEL = "Shot setup (JSON)";
    public static final String SETUP_JSON_HINT = "The shot setup document the effect and the panel share; edited through the other parameters and the panel.";

    public static final String GENERATE = "generate";
    public static final String GENERATE_LABEL = "Generate";
    public static final String GENERATE_HINT = "Generate the whole shot now in the render service, with progress.";

    public static final String CANCEL = "cancel";
    public static final String CANCEL_LABEL = "Cancel";
    public static final String CANCEL_HINT = "Stop this shot's generation; finished windows stay in the cache.";

    public static final String OPEN_PANEL = "openPanel";
    public static final String OPEN_PANEL_LABEL = "Open panel";
    public static final String OPEN_PANEL_HINT = "Open the TalkFX panel on this shot (speakers, faces, exclusions, progress).";

    public static final String STATUS = "status";
    public static final String STATUS_LABEL = "Status";
    public static final String STATUS_HINT = "What the effect shows and why.";
}
