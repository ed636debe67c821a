package com.baedal.readmodel.order;

import com.baedal.readmodel.projection.OrderProjection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import lombok.RequiredArgsConstructor;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The signal that an order changed, whichever read-model instance applied its event: PostgreSQL {@code NOTIFY} (not
 * a push message to a person). One dedicated connection per instance {@code LISTEN}s on
 * {@link OrderProjection#STATUS_CHANNEL} and hands each changed orderId to the {@link OrderStreamHub}. The instance that applied an event need not be the
 * one holding the stream. Reconnects on failure; streams catch up at once after a reconnect.
 */
@Component
@RequiredArgsConstructor
public class OrderChangeSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderChangeSignal.class);
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 2000;

    private final DataSourceProperties dataSource;
    private final OrderStreamHub hub;
    private volatile boolean running;
    private volatile Thread thread;

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "order-status-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + OrderProjection.STATUS_CHANNEL);
                }
                log.debug("Listening on {}", OrderProjection.STATUS_CHANNEL);
                hub.refreshAll();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            String[] orderAndTrace = notification.getParameter().split(" ", 2);
                            hub.orderChanged(orderAndTrace[0], orderAndTrace.length > 1 ? orderAndTrace[1] : null);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Order status listener lost its connection, reconnecting: {}", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        String user = dataSource.determineUsername();
        String password = dataSource.determinePassword();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "read-model-listener");
        return DriverManager.getConnection(dataSource.determineUrl(), properties);
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
