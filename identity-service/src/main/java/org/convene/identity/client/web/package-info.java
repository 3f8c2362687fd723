@NullMarked
package org.convene.identity.client.web;

import org.jspecify.annotations.NullMarked;
