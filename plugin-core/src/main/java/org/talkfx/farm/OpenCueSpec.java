package org.talkfx.farm;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OpenCue job description (the XML job spec, {@code cjsl-1.15.dtd}): one job with one Render layer per shot,
 * each layer one frame ({@code range 1}) running {@code talkfx render --job <shot.json>}, with its GPU, GPU memory,
 * host memory and core needs; the job's {@code maxretries} retries failed frames. Submit it with
 * {@code cueadmin}/{@code pycue} ({@code opencue.api.launchSpecAndWait}) or the CueGUI's "Load job spec".
 */
public final class OpenCueSpec {
    public static final String DOCTYPE = "<!DOCTYPE spec PUBLIC \"SPI Cue Specification Language\" "
            + "\"http://localhost:8080/spcue/dtd/cjsl-1.15.dtd\">";

    private OpenCueSpec() {
    }

    public static String write(List<FarmShot> shots, FarmSettings s) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeDTD(DOCTYPE);
            x.writeCharacters("\n");
            x.writeStartElement("spec");
            element(x, 1, "show", s.show());
            element(x, 1, "shot", token(s.name()));
            element(x, 1, "user", s.user());
            indent(x, 1);
            x.writeStartElement("job");
            x.writeAttribute("name", token("talkfx_" + s.name()));
            element(x, 2, "paused", "False");
            element(x, 2, "priority", "1");
            element(x, 2, "maxretries", Integer.toString(s.retries()));
            if (s.cacheDir() != null) {
                indent(x, 2);
                x.writeStartElement("env");
                element(x, 3, "key", "TALKFX_CACHE_DIR", s.cacheDir());
                indent(x, 2);
                x.writeEndElement();
            }
            indent(x, 2);
            x.writeStartElement("layers");
            for (FarmShot shot : shots) {
                indent(x, 3);
                x.writeStartElement("layer");
                x.writeAttribute("name", token(shot.id()));
                x.writeAttribute("type", "Render");
                element(x, 4, "cmd", String.join(" ", command(shot, s).stream().map(OpenCueSpec::shellQuote).toList()));
                element(x, 4, "range", "1");
                element(x, 4, "chunk", "1");
                element(x, 4, "cores", Integer.toString(s.cores()));
                element(x, 4, "memory", s.memoryGb() + "g");
                element(x, 4, "gpus", Integer.toString(s.gpus()));
                element(x, 4, "gpu_memory", s.gpuMemoryGb() + "g");
                if (s.timeoutMinutes() > 0) {
                    element(x, 4, "timeout", Integer.toString(s.timeoutMinutes()));
                }
                element(x, 4, "tags", "gpu");
                indent(x, 4);
                x.writeStartElement("services");
                element(x, 5, "service", "talkfx");
                indent(x, 4);
                x.writeEndElement();
                indent(x, 3);
                x.writeEndElement();
            }
            indent(x, 2);
            x.writeEndElement();
            indent(x, 1);
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the OpenCue spec: " + e.getMessage(), e);
        }
        return text + "\n";
    }

    /** The task command line as arguments: talkfx render --job FILE [--root name=dir]... [--cache-dir DIR]. */
    static List<String> command(FarmShot shot, FarmSettings s) {
        List<String> c = new ArrayList<>(List.of(s.command(), "render", "--job", shot.jobFile().toString()));
        for (Map.Entry<String, String> r : new TreeMap<>(s.nodeRoots()).entrySet()) {
            c.add("--root");
            c.add(r.getKey() + "=" + r.getValue());
        }
        if (s.cacheDir() != null) {
            c.add("--cache-dir");
            c.add(s.cacheDir());
        }
        return c;
    }

    /** OpenCue runs cmd through a shell: quote what the shell would split or expand. */
    static String shellQuote(String arg) {
        if (arg.matches("[A-Za-z0-9_./=:@%+,-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Names in the spec are XML NMTOKENs; OpenCue also keeps them to letters, digits, '.', '_' and '-'. */
    static String token(String name) {
        String t = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return t.isEmpty() ? "talkfx" : t;
    }

    private static void element(XMLStreamWriter x, int depth, String name, String value) throws XMLStreamException {
        indent(x, depth);
        x.writeStartElement(name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void element(XMLStreamWriter x, int depth, String name, String attrValue, String value)
            throws XMLStreamException {
        indent(x, depth);
        x.writeStartElement(name);
        x.writeAttribute("name", attrValue);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void indent(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }
}
