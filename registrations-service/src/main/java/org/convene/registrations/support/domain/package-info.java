@NullMarked
package org.convene.registrations.support.domain;

import org.jspecify.annotations.NullMarked;
