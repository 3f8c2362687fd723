@NullMarked
package org.convene.notifications.webhook.messaging;

import org.jspecify.annotations.NullMarked;
