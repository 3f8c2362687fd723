@NullMarked
package org.convene.notifications.newsletter.domain;

import org.jspecify.annotations.NullMarked;
