package org.talkfx.batch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural check of an Open Job Description job template (jobtemplate-2023-09), written from the specification's
 * description of the template: allowed and required keys per object, value types, identifier and capability name
 * patterns, length limits, unique step names, task parameter ranges, and that every {{Param.X}} / {{Task.Param.X}}
 * names a defined parameter. Returns the problems found (empty = conforms to what is checked).
 */
final class OpenJdCheck {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern AMOUNT = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,63}:)?amount(\\.[A-Za-z][A-Za-z0-9]{0,63})+");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,63}:)?attr(\\.[A-Za-z][A-Za-z0-9]{0,63})+");
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
    private static final Set<String> JOB_PARAM_TYPES = Set.of("STRING", "INT", "FLOAT", "PATH");
    private static final Set<String> TASK_PARAM_TYPES = Set.of("STRING", "INT", "FLOAT", "PATH");

    private final List<String> problems = new ArrayList<>();
    private final Set<String> jobParams = new HashSet<>();

    static List<String> check(JsonNode t) {
        OpenJdCheck c = new OpenJdCheck();
        c.template(t);
        return c.problems;
    }

    private void template(JsonNode t) {
        keys(t, "$", Set.of("specificationVersion", "name", "steps"),
                Set.of("$schema", "description", "parameterDefinitions", "jobEnvironments", "extensions"));
        if (!"jobtemplate-2023-09".equals(t.path("specificationVersion").asText())) {
            problems.add("$.specificationVersion: must be jobtemplate-2023-09");
        }
        string(t.path("name"), "$.name", 1, 128);
        if (t.has("description")) {
            string(t.path("description"), "$.description", 1, 2048);
        }
        if (t.has("parameterDefinitions")) {
            array(t.path("parameterDefinitions"), "$.parameterDefinitions", 1, 50);
            int i = 0;
            for (JsonNode p : t.path("parameterDefinitions")) {
                String at = "$.parameterDefinitions[" + i++ + "]";
                keys(p, at, Set.of("name", "type"), Set.of("description", "default", "allowedValues", "minValue",
                        "maxValue", "minLength", "maxLength", "objectType", "dataFlow", "userInterface"));
                identifier(p.path("name"), at + ".name");
                if (!jobParams.add(p.path("name").asText())) {
                    problems.add(at + ".name: duplicate");
                }
                if (!JOB_PARAM_TYPES.contains(p.path("type").asText())) {
                    problems.add(at + ".type: one of " + JOB_PARAM_TYPES);
                }
                if (p.has("objectType") && !Set.of("FILE", "DIRECTORY").contains(p.path("objectType").asText())) {
                    problems.add(at + ".objectType: FILE or DIRECTORY");
                }
                if (p.has("dataFlow") && !Set.of("NONE", "IN", "OUT", "INOUT").contains(p.path("dataFlow").asText())) {
                    problems.add(at + ".dataFlow: NONE, IN, OUT or INOUT");
                }
                if ((p.has("objectType") || p.has("dataFlow")) && !"PATH".equals(p.path("type").asText())) {
                    problems.add(at + ": objectType and dataFlow only for PATH");
                }
            }
        }
        array(t.path("steps"), "$.steps", 1, Integer.MAX_VALUE);
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode s : t.path("steps")) {
            String at = "$.steps[" + i++ + "]";
            keys(s, at, Set.of("name", "script"), Set.of("description", "parameterSpace", "stepEnvironments",
                    "hostRequirements", "dependencies"));
            string(s.path("name"), at + ".name", 1, 64);
            if (!names.add(s.path("name").asText())) {
                problems.add(at + ".name: duplicate step name");
            }
            Set<String> taskParams = parameterSpace(s.path("parameterSpace"), at + ".parameterSpace", s.has("parameterSpace"));
            script(s.path("script"), at + ".script", taskParams);
            if (s.has("hostRequirements")) {
                hostRequirements(s.path("hostRequirements"), at + ".hostRequirements");
            }
        }
    }

    private Set<String> parameterSpace(JsonNode ps, String at, boolean present) {
        Set<String> names = new HashSet<>();
        if (!present) {
            return names;
        }
        keys(ps, at, Set.of("taskParameterDefinitions"), Set.of("combination"));
        array(ps.path("taskParameterDefinitions"), at + ".taskParameterDefinitions", 1, 16);
        int i = 0;
        for (JsonNode p : ps.path("taskParameterDefinitions")) {
            String pat = at + ".taskParameterDefinitions[" + i++ + "]";
            keys(p, pat, Set.of("name", "type", "range"), Set.of());
            identifier(p.path("name"), pat + ".name");
            names.add(p.path("name").asText());
            String type = p.path("type").asText();
            if (!TASK_PARAM_TYPES.contains(type)) {
                problems.add(pat + ".type: one of " + TASK_PARAM_TYPES);
            }
            JsonNode range = p.path("range");
            if (range.isArray()) {
                array(range, pat + ".range", 1, 1024);
                for (JsonNode v : range) {
                    boolean ok = switch (type) {
                        case "INT" -> v.isIntegralNumber() || (v.isTextual() && v.asText().matches("-?\\d+"));
                        case "FLOAT" -> v.isNumber() || v.isTextual();
                        default -> v.isTextual() && !v.asText().isEmpty() && v.asText().length() <= 1024;
                    };
                    if (!ok) {
                        problems.add(pat + ".range: value " + v + " does not fit type " + type);
                    }
                }
            } else if (!(range.isTextual() && "INT".equals(type))) {
                problems.add(pat + ".range: a list (or a range expression for INT)");
            }
        }
        return names;
    }

    private void script(JsonNode sc, String at, Set<String> taskParams) {
        keys(sc, at, Set.of("actions"), Set.of("embeddedFiles"));
        JsonNode actions = sc.path("actions");
        keys(actions, at + ".actions", Set.of("onRun"), Set.of());
        JsonNode run = actions.path("onRun");
        keys(run, at + ".actions.onRun", Set.of("command"), Set.of("args", "timeout", "cancelation"));
        string(run.path("command"), at + ".actions.onRun.command", 1, Integer.MAX_VALUE);
        references(run.path("command").asText(), at + ".actions.onRun.command", taskParams);
        if (run.has("args")) {
            array(run.path("args"), at + ".actions.onRun.args", 1, Integer.MAX_VALUE);
            int i = 0;
            for (JsonNode a : run.path("args")) {
                string(a, at + ".actions.onRun.args[" + i + "]", 1, Integer.MAX_VALUE);
                references(a.asText(), at + ".actions.onRun.args[" + i++ + "]", taskParams);
            }
        }
        if (run.has("timeout") && !(run.path("timeout").isIntegralNumber() && run.path("timeout").asLong() > 0)) {
            problems.add(at + ".actions.onRun.timeout: a positive integer (seconds)");
        }
        if (run.has("cancelation")) {
            JsonNode c = run.path("cancelation");
            keys(c, at + ".actions.onRun.cancelation", Set.of("mode"), Set.of("notifyPeriodInSeconds"));
            if (!Set.of("TERMINATE", "NOTIFY_THEN_TERMINATE").contains(c.path("mode").asText())) {
                problems.add(at + ".actions.onRun.cancelation.mode: TERMINATE or NOTIFY_THEN_TERMINATE");
            }
            if (c.has("notifyPeriodInSeconds") && (!"NOTIFY_THEN_TERMINATE".equals(c.path("mode").asText())
                    || !c.path("notifyPeriodInSeconds").isIntegralNumber()
                    || c.path("notifyPeriodInSeconds").asInt() < 1 || c.path("notifyPeriodInSeconds").asInt() > 600)) {
                problems.add(at + ".actions.onRun.cancelation.notifyPeriodInSeconds: 1 to 600, NOTIFY_THEN_TERMINATE only");
            }
        }
    }

    private void hostRequirements(JsonNode h, String at) {
        keys(h, at, Set.of(), Set.of("amounts", "attributes"));
        if (!h.has("amounts") && !h.has("attributes")) {
            problems.add(at + ": needs amounts or attributes");
        }
        int i = 0;
        for (JsonNode a : h.path("amounts")) {
            String aat = at + ".amounts[" + i++ + "]";
            keys(a, aat, Set.of("name"), Set.of("min", "max"));
            if (!AMOUNT.matcher(a.path("name").asText()).matches()) {
                problems.add(aat + ".name: not an amount capability name");
            }
            if (!a.has("min") && !a.has("max")) {
                problems.add(aat + ": needs min or max");
            }
            if (a.has("min") && (!a.path("min").isNumber() || a.path("min").asDouble() < 0)) {
                problems.add(aat + ".min: a number >= 0");
            }
        }
        i = 0;
        for (JsonNode a : h.path("attributes")) {
            String aat = at + ".attributes[" + i++ + "]";
            keys(a, aat, Set.of("name"), Set.of("anyOf", "allOf"));
            if (!ATTRIBUTE.matcher(a.path("name").asText()).matches()) {
                problems.add(aat + ".name: not an attribute capability name");
            }
            if (a.has("anyOf") == a.has("allOf")) {
                problems.add(aat + ": exactly one of anyOf and allOf");
            }
        }
    }

    private void references(String text, String at, Set<String> taskParams) {
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            String ref = m.group(1);
            boolean ok = ref.startsWith("Param.") && jobParams.contains(ref.substring(6))
                    || ref.startsWith("RawParam.") && jobParams.contains(ref.substring(9))
                    || ref.startsWith("Task.Param.") && taskParams.contains(ref.substring(11))
                    || ref.startsWith("Task.RawParam.") && taskParams.contains(ref.substring(14))
                    || ref.startsWith("Session.") || ref.startsWith("Task.File.") || ref.startsWith("Env.File.");
            if (!ok) {
                problems.add(at + ": {{" + ref + "}} names no defined parameter");
            }
        }
    }

    private void keys(JsonNode o, String at, Set<String> required, Set<String> optional) {
        if (!o.isObject()) {
            problems.add(at + ": must be an object");
            return;
        }
        for (String r : required) {
            if (!o.has(r)) {
                problems.add(at + "." + r + ": required");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!required.contains(k) && !optional.contains(k)) {
                problems.add(at + "." + k + ": unknown key");
            }
        }
    }

    private void string(JsonNode v, String at, int min, int max) {
        if (!v.isTextual() || v.asText().length() < min || v.asText().length() > max) {
            problems.add(at + ": a string of " + min + " to " + max + " characters");
        } else if (v.asText().chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
            problems.add(at + ": control characters");
        }
    }

    private void identifier(JsonNode v, String at) {
        if (!v.isTextual() || !IDENTIFIER.matcher(v.asText()).matches()) {
            problems.add(at + ": an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64)");
        }
    }

    private void array(JsonNode v, String at, int min, int max) {
        if (!v.isArray() || v.size() < min || v.size() > max) {
            problems.add(at + ": a list of " + min + " to " + max + " items");
        }
    }
}
