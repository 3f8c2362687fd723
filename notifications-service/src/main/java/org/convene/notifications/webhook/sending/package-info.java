@NullMarked
package org.convene.notifications.webhook.sending;

import org.jspecify.annotations.NullMarked;
