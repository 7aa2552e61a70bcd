package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.farm.OpenCueSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** talkfx batch --farm: the OpenCue spec validates against the job spec DTD, the OpenJD template against its structure. */
class FarmOutputTest {
    @TempDir
    Path tmp;

    private Path batchWithThreeShots() throws Exception {
        BatchFixture fx = new BatchFixture(tmp);
        fx.voice("a.wav", 0.3, 140);
        fx.voice("b.wav", 0.3, 180);
        for (String s : new String[]{"sh010", "sh020", "sh030"}) {
            fx.shot(s, "de", "media:face.png", s.equals("sh020") ? "media:b.wav" : "media:a.wav");
        }
        return fx.write();
    }

    @Test
    void openCueSpecValidatesAgainstTheJobSpecDtd() throws Exception {
        Path batch = batchWithThreeShots();
        int code = new CommandLine(new BatchCommand()).execute(batch.toString(), "--farm", "opencue",
                "--farm-root", "media=/mnt/film/media", "--farm-cache-dir", "/mnt/cache", "--retries", "3",
                "--gpu-memory-gb", "80", "--memory-gb", "96");
        assertThat(code).isZero();
        Path xml = tmp.resolve("project/film_de.batch/farm/film_de.opencue.xml");
        String text = Files.readString(xml);
        assertThat(text).contains(OpenCueSpec.DOCTYPE);
        Document doc = parseValidating(text);

        Element job = (Element) doc.getElementsByTagName("job").item(0);
        assertThat(job.getAttribute("name")).isEqualTo("talkfx_film_de");
        assertThat(text(job, "maxretries")).isEqualTo("3");
        NodeList layers = doc.getElementsByTagName("layer");
        assertThat(layers.getLength()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            Element l = (Element) layers.item(i);
            String id = "sh0" + (i + 1) + "0_de";
            assertThat(l.getAttribute("name")).isEqualTo(id);
            assertThat(l.getAttribute("type")).isEqualTo("Render");
            Path jobFile = tmp.resolve("project/film_de.batch/jobs/" + id + ".json");
            assertThat(text(l, "cmd")).startsWith("talkfx render --job " + jobFile)
                    .contains("--root media=/mnt/film/media").contains("--cache-dir /mnt/cache");
            assertThat(jobFile).isRegularFile();
            assertThat(text(l, "range")).isEqualTo("1");
            assertThat(text(l, "gpus")).isEqualTo("1");
            assertThat(text(l, "gpu_memory")).isEqualTo("80g");
            assertThat(text(l, "memory")).isEqualTo("96g");
        }
    }

    @Test
    void theDtdCheckRejectsWhatOpenCueWouldRefuse() {
        String noCmd = OpenCueSpec.DOCTYPE + "<spec><show>s</show><shot>x</shot><user>u</user><job name=\"j\"><layers>"
                + "<layer name=\"a\" type=\"Render\"><range>1</range><chunk>1</chunk></layer></layers></job></spec>";
        assertThatThrownBy(() -> parseValidating(noCmd)).hasMessageContaining("layer");
        String badType = OpenCueSpec.DOCTYPE + "<spec><show>s</show><shot>x</shot><user>u</user><job name=\"j\"><layers>"
                + "<layer name=\"a\" type=\"Shell\"><cmd>c</cmd><range>1</range><chunk>1</chunk></layer></layers></job></spec>";
        assertThatThrownBy(() -> parseValidating(badType)).hasMessageContaining("type");
    }

    @Test
    void openJdTemplateHasTheSpecificationsStructure() throws Exception {
        Path batch = batchWithThreeShots();
        int code = new CommandLine(new BatchCommand()).execute(batch.toString(), "--farm", "openjd",
                "--timeout-min", "120");
        assertThat(code).isZero();
        JsonNode t = BatchFixture.JSON.readTree(tmp.resolve("project/film_de.batch/farm/film_de.openjd.json").toFile());
        assertThat(OpenJdCheck.check(t)).isEmpty();
        assertThat(t.path("specificationVersion").asText()).isEqualTo("jobtemplate-2023-09");
        JsonNode step = t.path("steps").get(0);
        JsonNode range = step.path("parameterSpace").path("taskParameterDefinitions").get(0).path("range");
        assertThat(range.toString()).isEqualTo("[\"sh010_de\",\"sh020_de\",\"sh030_de\"]");
        JsonNode run = step.path("script").path("actions").path("onRun");
        assertThat(run.path("args").toString()).contains("\"render\",\"--job\",\"{{Param.JobsDir}}/{{Task.Param.Shot}}.json\"");
        assertThat(run.path("timeout").asInt()).isEqualTo(7200);
        assertThat(step.path("hostRequirements").path("amounts").toString()).contains("amount.worker.gpu")
                .contains("amount.worker.memory");
        String jobsDir = t.path("parameterDefinitions").get(0).path("default").asText();
        for (JsonNode shot : range) {
            assertThat(Path.of(jobsDir, shot.asText() + ".json")).isRegularFile();
        }

        // the check catches what the specification forbids
        ObjectNode bad = t.deepCopy();
        ((ObjectNode) bad.path("steps").get(0)).put("name", "");
        ((ObjectNode) bad.path("steps").get(0).path("script").path("actions").path("onRun")).putArray("args")
                .add("{{Task.Param.Missing}}");
        ((ArrayNode) bad.path("parameterDefinitions")).addObject().put("name", "bad-name").put("type", "PATH");
        bad.put("extra", 1);
        assertThat(OpenJdCheck.check(bad)).anyMatch(p -> p.contains("steps[0].name"))
                .anyMatch(p -> p.contains("Task.Param.Missing")).anyMatch(p -> p.contains("identifier"))
                .anyMatch(p -> p.contains("$.extra: unknown key"));
    }

    private static Document parseValidating(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(true);
        DocumentBuilder b = f.newDocumentBuilder();
        // the DOCTYPE names OpenCue's URL; validate against our restatement of that DTD instead
        b.setEntityResolver((publicId, systemId) -> systemId != null && systemId.endsWith("cjsl-1.15.dtd")
                ? new InputSource(FarmOutputTest.class.getResourceAsStream("/org/talkfx/farm/cjsl-subset.dtd")) : null);
        b.setErrorHandler(new ErrorHandler() {
            public void warning(SAXParseException e) {
            }

            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return b.parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }
}
