@NullMarked
package org.convene.notifications.webhook.persistence;

import org.jspecify.annotations.NullMarked;
