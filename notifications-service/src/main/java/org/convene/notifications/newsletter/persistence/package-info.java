@NullMarked
package org.convene.notifications.newsletter.persistence;

import org.jspecify.annotations.NullMarked;
