package com.baedal.support.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code baedal.api-docs.*}: the info block of a service's OpenAPI document.
 *
 * @param title       document title, e.g. "Baedal engine API"
 * @param description what the service answers (Markdown)
 * @param version     the API version (the build's version)
 */
@ConfigurationProperties("baedal.api-docs")
public record ApiDocsProperties(String title, String description, String version) {

    public ApiDocsProperties {
        title = title == null || title.isBlank() ? "Baedal API" : title;
        description = description == null ? "" : description;
        version = version == null || version.isBlank() ? "unversioned" : version;
    }
}
