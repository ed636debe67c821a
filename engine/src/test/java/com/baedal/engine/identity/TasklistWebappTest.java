package com.baedal.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Baedal's Tasklist page replaces Camunda's at the same classpath location. It must stay Camunda's page with exactly
 * Baedal's changes: when a Camunda upgrade changes the page, this fails and asks for the new page to be taken over.
 */
class TasklistWebappTest {

    static final String PAGE = "META-INF/resources/webjars/camunda/app/tasklist/index.html";

    @Test
    void ourTasklistPageIsCamundasWithTheTitleAndThePluginExclusion() throws IOException {
        List<URL> pages = Collections.list(getClass().getClassLoader().getResources(PAGE));
        URL camundas = pages.stream().filter(url -> url.getProtocol().equals("jar")).findFirst().orElseThrow();
        URL ours = pages.stream().filter(url -> !url.getProtocol().equals("jar")).findFirst().orElseThrow();
        // ours comes first, so it is the one the webapp serves
        assertThat(pages.get(0)).isEqualTo(ours);

        String page = read(ours);
        String withoutBaedal = page
                .replaceFirst("(?s)<!-- Baedal:.*?-->\\n", "")
                .replace("<title>Baedal Tasklist</title>", "<title>Camunda Tasklist</title>")
                .replaceFirst("\\n\\s*cam-exclude-plugins=\"[^\"]*\"/>", "/>");
        assertThat(withoutBaedal).isEqualTo(read(camundas));
        assertThat(page).contains("tasklist.navbar.action:create-task-action")
                .contains("tasklist.navbar.action:start-process-action");
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
