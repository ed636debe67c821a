package com.baedal.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Calls Camunda's own APIs of the engine directly (no gateway) as one Camunda user: the engine REST API with HTTP
 * Basic ({@link #engineRest}), or the webapps' internal copy of it with a Tasklist session and its CSRF token
 * ({@link #webapp}), the way Tasklist itself calls it. Paths are relative to the API root, e.g. {@code /task}.
 */
public final class CamundaApi {

    public static final String ENGINE_REST = "/engine-rest";
    public static final String WEBAPP_ENGINE_API = "/camunda/api/engine/engine/default";

    private final TestRestTemplate rest;
    private final String root;
    private final HttpHeaders headers;

    private CamundaApi(TestRestTemplate rest, String root, HttpHeaders headers) {
        this.rest = rest;
        this.root = root;
        this.headers = headers;
    }

    /** The engine REST API with HTTP Basic. */
    public static CamundaApi engineRest(TestRestTemplate rest, String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return new CamundaApi(rest, ENGINE_REST, headers);
    }

    /** The webapps' engine API after logging into Tasklist (session cookie and CSRF header, as the browser sends). */
    public static CamundaApi webapp(TestRestTemplate rest, String user, String password) {
        LoginPage page = LoginPage.open(rest);
        ResponseEntity<String> answer = rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=" + user + "&password=" + password, page.formHeaders()), String.class);
        assertThat(answer.getStatusCode()).as("Tasklist login of %s", user).isEqualTo(HttpStatus.OK);
        // the login starts a new session, which gets its own CSRF token on its first page: as in the browser
        List<String> sessionCookies = merge(answer.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE), page.cookies());
        HttpHeaders withSession = new HttpHeaders();
        addCookies(withSession, sessionCookies);
        ResponseEntity<String> loggedInPage = rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET,
                new HttpEntity<>(withSession), String.class);
        sessionCookies = merge(loggedInPage.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE), sessionCookies);
        HttpHeaders session = new HttpHeaders();
        session.set("X-XSRF-TOKEN", xsrfToken(sessionCookies));
        addCookies(session, sessionCookies);
        return new CamundaApi(rest, WEBAPP_ENGINE_API, session);
    }

    /**
     * Tasklist's first page as the browser gets it before logging in: its cookies, and the headers a login form
     * posted from it carries (form content type, the CSRF token, the cookies).
     */
    public record LoginPage(List<String> cookies, HttpHeaders formHeaders) {

        public static LoginPage open(TestRestTemplate rest) {
            ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
            List<String> cookies = new ArrayList<>(page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE));
            HttpHeaders form = new HttpHeaders();
            form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
            form.set("X-XSRF-TOKEN", xsrfToken(cookies));
            addCookies(form, cookies);
            return new LoginPage(cookies, form);
        }
    }

    public ResponseEntity<String> get(String path) {
        return call(HttpMethod.GET, path, null);
    }

    public ResponseEntity<String> post(String path, String json) {
        return call(HttpMethod.POST, path, json);
    }

    public ResponseEntity<String> put(String path, String json) {
        return call(HttpMethod.PUT, path, json);
    }

    public ResponseEntity<String> delete(String path) {
        return call(HttpMethod.DELETE, path, null);
    }

    /** GET with query parameters sent as they are (URL-encoded once, no URI template expansion). */
    public ResponseEntity<String> get(String path, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return rest.exchange(URI.create(root + path + query), HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
    }

    public ResponseEntity<String> call(HttpMethod method, String path, String json) {
        HttpHeaders request = new HttpHeaders();
        request.addAll(headers);
        if (json != null) {
            request.setContentType(MediaType.APPLICATION_JSON);
        }
        return rest.exchange(root + path, method, new HttpEntity<>(json, request), String.class);
    }

    private static String xsrfToken(List<String> setCookies) {
        return setCookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst()
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).orElseThrow();
    }

    /** Sends each Set-Cookie back as the browser does: its name=value, without the attributes. */
    private static void addCookies(HttpHeaders headers, List<String> setCookies) {
        setCookies.forEach(c -> headers.add(HttpHeaders.COOKIE, c.substring(0, c.indexOf(';'))));
    }

    /** The newer cookies, and the older ones they do not replace (by name). */
    private static List<String> merge(List<String> newer, List<String> older) {
        List<String> merged = new ArrayList<>(newer);
        older.stream().filter(c -> newer.stream().noneMatch(n -> sameName(n, c))).forEach(merged::add);
        return merged;
    }

    private static boolean sameName(String cookie, String other) {
        return cookie.substring(0, cookie.indexOf('=')).equals(other.substring(0, other.indexOf('=')));
    }
}
