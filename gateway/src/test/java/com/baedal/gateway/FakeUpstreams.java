package com.baedal.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The fake services one gateway IT runs against, registered as a static {@code @RegisterExtension} field of the test
 * class: every fake forgets what it received before each test, so a test sees only its own requests, and all of them
 * stop with the test class. The test class's {@code @DynamicPropertySource} names which fake (or dead address) stands
 * behind which upstream with {@link #wire}.
 */
final class FakeUpstreams implements BeforeEachCallback, AfterAllCallback {

    private final List<TestUpstream> started = new ArrayList<>();

    /** A new fake service answering {@code {"upstream":"<name>"}}, already listening. */
    TestUpstream start(String name) {
        TestUpstream upstream = new TestUpstream(name);
        started.add(upstream);
        return upstream;
    }

    /** The gateway's three upstreams; a value may list several instances, comma-separated. */
    static void wire(DynamicPropertyRegistry registry, String engine, String readModel, String workers) {
        registry.add("ENGINE_URL", () -> engine);
        registry.add("READMODEL_URL", () -> readModel);
        registry.add("WORKERS_URL", () -> workers);
    }

    /** The address of a service that is down: nothing listens on its port. */
    static String downUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        started.forEach(TestUpstream::reset);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        started.forEach(TestUpstream::close);
    }
}
