@NullMarked
package org.convene.identity.client.domain;

import org.jspecify.annotations.NullMarked;
