package com.baedal.workers.notification;

import static com.baedal.process.OrderProcess.GROUP_OPERATORS;
import static com.baedal.process.OrderProcess.ridersGroup;
import static com.baedal.process.OrderProcess.storeGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.workers.support.WorkersTestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Once-per-(order, kind) sending on the real PostgreSQL (database workers_it), committed like in production. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles({"local", "it"})
@ContextConfiguration(initializers = WorkersTestDatabase.class)
@Import({NotificationService.class, NotificationServiceTest.Config.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class NotificationServiceTest {

    /** Records what it was asked to send; can be told to fail like an unreachable SMS gateway. */
    static class RecordingNotifier implements Notifier {
        final List<Notification> sent = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public void send(Notification notification) {
            if (down) {
                throw new IllegalStateException("gateway down");
            }
            sent.add(notification);
        }
    }

    @TestConfiguration
    static class Config {
        @Bean
        RecordingNotifier notifier() {
            return new RecordingNotifier();
        }
    }

    @Autowired NotificationService notifications;
    @Autowired RecordingNotifier notifier;
    @Autowired JdbcClient db;

    private final String orderId = "order-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        notifier.sent.clear();
        notifier.down = false;
    }

    private Notification storeMessage() {
        return new Notification(orderId, NotificationKind.STORE_NEW_ORDER, Notification.CHANNEL_PUSH,
                List.of(storeGroup("chicken-gangnam")), "New order");
    }

    @Test
    void sendsOnceAndRecordsIt() {
        assertThat(notifications.send(storeMessage())).isTrue();

        assertThat(notifier.sent).containsExactly(storeMessage());
        assertThat(db.sql("select recipients from notification where order_id = ? and kind = ?")
                .params(orderId, "STORE_NEW_ORDER").query(String.class).single())
                .isEqualTo(storeGroup("chicken-gangnam"));
    }

    @Test
    void theSameKindForTheSameOrderIsNotSentAgain() {
        notifications.send(storeMessage());

        assertThat(notifications.send(storeMessage())).isFalse();
        assertThat(notifier.sent).hasSize(1);
    }

    @Test
    void anotherKindForTheSameOrderIsSent() {
        notifications.send(storeMessage());

        assertThat(notifications.send(new Notification(orderId, NotificationKind.CUSTOMER_DELIVERED,
                Notification.CHANNEL_PUSH, List.of("kim"), "Delivered"))).isTrue();
        assertThat(notifier.sent).hasSize(2);
    }

    @Test
    void aFailedSendLeavesNoRecordSoTheRetrySends() {
        notifier.down = true;
        assertThatThrownBy(() -> notifications.send(storeMessage())).isInstanceOf(IllegalStateException.class);
        assertThat(db.sql("select count(*) from notification where order_id = ?").param(orderId)
                .query(Long.class).single()).isZero();

        notifier.down = false;
        assertThat(notifications.send(storeMessage())).isTrue();
        assertThat(notifier.sent).hasSize(1);
    }

    @Test
    void escalationGoesToOperatorsAndTheNeighbouringRegionsRiders() {
        assertThat(notifications.escalationRecipients(List.of("seocho", "songpa")))
                .containsExactly(GROUP_OPERATORS, ridersGroup("seocho"), ridersGroup("songpa"));
        assertThat(notifications.escalationRecipients(List.of())).containsExactly(GROUP_OPERATORS);
    }
}
