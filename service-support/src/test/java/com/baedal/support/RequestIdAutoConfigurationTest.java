package com.baedal.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.support.openapi.ApiDocs;
import com.baedal.support.openapi.ApiDocsAutoConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/** The auto-configurations as a service sees them (listed in AutoConfiguration.imports). */
class RequestIdAutoConfigurationTest {

    final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class, ApiDocsAutoConfiguration.class));

    @Test
    void aServletServiceGetsTheFilterFirstInLine() {
        web.run(context -> {
            FilterRegistrationBean<?> registration =
                    context.getBean(RequestIdAutoConfiguration.BEAN_NAME, FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(RequestIdFilter.class);
            assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
            assertThat(registration.getUrlPatterns()).containsExactly("/*");
        });
    }

    @Test
    void theDocumentInfoComesFromProperties() {
        web.withPropertyValues("baedal.api-docs.title=Baedal test API", "baedal.api-docs.description=Test",
                        "baedal.api-docs.version=1.2.3")
                .run(context -> {
                    OpenAPI document = context.getBean(OpenAPI.class);
                    assertThat(document.getInfo().getTitle()).isEqualTo("Baedal test API");
                    assertThat(document.getInfo().getVersion()).isEqualTo("1.2.3");
                    assertThat(document.getComponents().getSecuritySchemes()).containsKey(ApiDocs.BEARER_JWT);
                });
    }

    @Test
    void aNonWebApplicationGetsNothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RequestIdAutoConfiguration.class,
                        ApiDocsAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RequestIdAutoConfiguration.BEAN_NAME);
                    assertThat(context).doesNotHaveBean(OpenAPI.class);
                });
    }

    @Test
    void theImportsFileListsBothAutoConfigurations() throws Exception {
        try (var in = getClass().getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes())).contains(RequestIdAutoConfiguration.class.getName(),
                    ApiDocsAutoConfiguration.class.getName());
        }
    }
}
