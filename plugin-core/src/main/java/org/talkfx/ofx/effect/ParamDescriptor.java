package org.talkfx.ofx.effect;

import org.talkfx.ofx.props.PropertySet;
import org.talkfx.ofx.props.Props;

/** A parameter being defined in DescribeInContext. */
public final class ParamDescriptor {
    public static final String INTEGER = "OfxParamTypeInteger";
    public static final String DOUBLE = "OfxParamTypeDouble";
    public static final String BOOLEAN = "OfxParamTypeBoolean";
    public static final String CHOICE = "OfxParamTypeChoice";
    public static final String RGBA = "OfxParamTypeRGBA";
    public static final String RGB = "OfxParamTypeRGB";
    public static final String DOUBLE_2D = "OfxParamTypeDouble2D";
    public static final String INTEGER_2D = "OfxParamTypeInteger2D";
    public static final String DOUBLE_3D = "OfxParamTypeDouble3D";
    public static final String INTEGER_3D = "OfxParamTypeInteger3D";
    public static final String STRING = "OfxParamTypeString";
    public static final String GROUP = "OfxParamTypeGroup";
    public static final String PAGE = "OfxParamTypePage";
    public static final String PUSH_BUTTON = "OfxParamTypePushButton";

    public static final String STRING_SINGLE_LINE = "OfxParamStringIsSingleLine";
    public static final String STRING_MULTI_LINE = "OfxParamStringIsMultiLine";
    public static final String STRING_FILE_PATH = "OfxParamStringIsFilePath";
    public static final String STRING_DIRECTORY_PATH = "OfxParamStringIsDirectoryPath";

    private final PropertySet props;

    ParamDescriptor(PropertySet props) {
        this.props = props;
    }

    public PropertySet properties() {
        return props;
    }

    public ParamDescriptor label(String label) {
        props.setString(Props.LABEL, 0, label);
        return this;
    }

    public ParamDescriptor hint(String hint) {
        props.setString(Props.PARAM_HINT, 0, hint);
        return this;
    }

    public ParamDescriptor defaultValue(double... values) {
        props.setDoubles(Props.PARAM_DEFAULT, values);
        return this;
    }

    /** For integer, boolean and choice params. */
    public ParamDescriptor defaultInt(int... values) {
        props.setInts(Props.PARAM_DEFAULT, values);
        return this;
    }

    public ParamDescriptor defaultString(String value) {
        props.setString(Props.PARAM_DEFAULT, 0, value);
        return this;
    }

    public ParamDescriptor range(double min, double max) {
        props.setDouble(Props.PARAM_MIN, 0, min);
        props.setDouble(Props.PARAM_MAX, 0, max);
        return this;
    }

    public ParamDescriptor displayRange(double min, double max) {
        props.setDouble(Props.PARAM_DISPLAY_MIN, 0, min);
        props.setDouble(Props.PARAM_DISPLAY_MAX, 0, max);
        return this;
    }

    public ParamDescriptor choices(String... options) {
        props.setStrings(Props.PARAM_CHOICE_OPTION, options);
        return this;
    }

    /** One of the STRING_* modes. */
    public ParamDescriptor stringMode(String mode) {
        props.setString(Props.PARAM_STRING_MODE, 0, mode);
        return this;
    }

    public ParamDescriptor filePathMustExist(boolean mustExist) {
        props.setBoolean(Props.PARAM_FILE_PATH_EXISTS, mustExist);
        return this;
    }

    public ParamDescriptor animates(boolean animates) {
        props.setBoolean(Props.PARAM_ANIMATES, animates);
        return this;
    }
}
