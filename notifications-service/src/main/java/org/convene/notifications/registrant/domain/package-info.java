@NullMarked
package org.convene.notifications.registrant.domain;

import org.jspecify.annotations.NullMarked;
