package org.talkfx.service;

/** {@code service.json} in the state folder: how clients find a running service. */
public record ServiceInfo(long pid, String host, int port, String version, long startedMillis) {
    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port;
    }
}
